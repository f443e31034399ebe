"""Asal angka (provenance): which TPS forms make up one published figure.

For a published release, a unit (`provinsi|kabkota|kecamatan|desa|tps` and its code) and a column
(`suara:<nomor_urut>` or an administrasi column such as `suara_sah`), list every TPS under the unit
with its value and status — counted (`dihitung`), held (`ditahan`, with its findings from
pengecualian.csv) or missing (`belum_masuk`) — the corrections of data/koreksi.csv that touched
those cells (when the release has that file), and the sum of the counted TPS beside the published
figure. The two must be equal; when they are not, the explanation says so (an internal error).

Reads only the release's own data files (never OUT/rekap.duckdb), through the same loading SQL as
the portal (`rekap.published.releases`); the portal's page `/rilis/<id>/<jenis>-<kode_kontes>/<kode>/asal/<kolom>`
calls `explain_release` on its cached copy of the same tables.

    explain(out, None, "kecamatan", "647101", "suara:1")  # → Explanation (ExplainError: exit 2)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from rekap.explain.model import (
    COLUMN_LABEL,
    SUARA,
    ContestExplanation,
    Correction,
    ExplainError,
    Explanation,
    Finding,
    ReleaseTables,
    TpsLine,
    check_request,
)
from rekap.explain.text import num
from rekap.published.releases import Releases, ReleaseUnreadable
from rekap.published.titles import level_label

def explain(out: Path, release: str | None, tingkat: str, kode: str, kolom: str,
            jenis: str | None = None) -> Explanation:
    """Explain one figure of a published release under OUT (`release` None or `latest`: OUT/latest).

    Raises ExplainError for an unknown release, level, unit, contest or column, and
    rekap.published.releases.ReleaseUnreadable when the release's data files cannot be read."""
    check_request(tingkat, kode, kolom, jenis)
    releases = Releases(Path(out), cache_size=1)
    if release in (None, "", "latest"):
        rid = releases.latest_id()
        if rid is None:
            raise ExplainError(f"belum ada rilis yang diterbitkan di {Path(out) / 'releases'} "
                               f"(atau {Path(out) / 'latest'} tidak menunjuk ke rilis)")
    else:
        rid = release
        if releases.release_dir(rid) is None:
            known = releases.ids()
            hint = f"; rilis yang ada: {', '.join(known[-5:])}" if known else ""
            raise ExplainError(f"rilis {rid!r} tidak ada di {Path(out) / 'releases'}{hint}")
    data = releases.data(rid)
    try:
        return explain_release(data, rid, tingkat, kode, kolom, jenis,
                               koreksi=releases.file(rid, ["data", "koreksi.csv"]))
    finally:
        data.close()


def explain_release(data: ReleaseTables, release_id: str, tingkat: str, kode: str, kolom: str,
                    jenis: str | None = None, *, koreksi: Path | None = None) -> Explanation:
    """Explain one figure from a release's tables (loaded by sql/read/portal_muat_*.sql); `koreksi` is
    the release's data/koreksi.csv when it has one."""
    check_request(tingkat, kode, kolom, jenis)
    suara = SUARA.fullmatch(kolom)
    nomor = int(suara.group(1)) if suara else None
    rows = data.rows("read/explain_sel", {"tingkat": tingkat, "kode": kode, "jenis": jenis,
                                     "kolom": kolom, "nomor_urut": nomor})
    units = [r for r in rows if r["tingkat"] == tingkat and r["kode_wilayah"] == kode]
    where = f"{level_label(tingkat).lower()} {kode}"
    if not units:
        contest = f" dalam kontes {jenis}" if jenis else ""
        raise ExplainError(f"wilayah {where} tidak ada{contest} di rilis {release_id}")
    if nomor is not None:
        units_with = [u for u in units if u["ada_paslon"]]
        if not units_with:
            contests = ", ".join(f"{u['jenis']} {u['kode_kontes']}" for u in units)
            raise ExplainError(f"kolom {kolom}: nomor urut {nomor} tidak ada di kontes {contests} "
                               f"untuk {where} (rilis {release_id})")
        units = units_with

    explained = []
    for unit in units:
        key = (unit["jenis"], unit["kode_kontes"])
        tps_rows = [r for r in rows if (r["jenis"], r["kode_kontes"]) == key and r["tingkat"] == "tps"]
        corrections = _corrections(data, koreksi, kode, unit["jenis"], unit["kode_kontes"], kolom)
        explained.append(_contest(unit, tps_rows, corrections, tingkat, kolom, nomor))
    return Explanation(release_id, tingkat, kode, kolom, tuple(explained), koreksi is not None)


def _contest(unit: dict[str, Any], tps_rows: list[dict[str, Any]], corrections: list[Correction],
             tingkat: str, kolom: str, nomor: int | None) -> ContestExplanation:
    by_tps: dict[str, list[Correction]] = {}
    for c in corrections:
        by_tps.setdefault(c.kode_tps, []).append(c)
    lines = []
    for r in tps_rows:
        if not r["tps_masuk"]:
            status = "belum_masuk"
        elif r["tps_lolos"]:
            status = "dihitung"
        else:
            status = "ditahan"
        lines.append(TpsLine(
            kode_tps=r["kode_wilayah"], nama_tps=r["nama_wilayah"] or "",
            kode_desa=r["kode_wilayah"][:10], nama_desa=r["nama_desa"] or "",
            nilai=r["nilai"], status=status, di_daftar=bool(r["tps_total"]),
            temuan=_findings(r["temuan"]), koreksi=tuple(by_tps.get(r["kode_wilayah"], ())),
        ))

    published = unit["nilai"]
    problems = []
    if tingkat == "tps":
        line = lines[0] if lines else None
        total = line.nilai if line and line.status != "belum_masuk" else None
        if total != published:
            problems.append(f"nilai formulir {num(total)} tidak sama dengan angka terbit {num(published)}")
    else:
        counted = [t for t in lines if t.dihitung]
        total = sum(t.nilai or 0 for t in counted)
        if published is None or total != published:
            problems.append(f"jumlah {len(counted)} TPS yang dihitung ({num(total)}) tidak sama dengan "
                            f"angka terbit ({num(published)})")
        expected = {"tps_lolos": len(counted),
                    "tps_masuk": sum(1 for t in lines if t.status != "belum_masuk"),
                    "tps_total": sum(1 for t in lines if t.di_daftar)}
        for column, n in expected.items():
            if unit[column] != n:
                problems.append(f"{column} wilayah ini {num(unit[column])}, tetapi TPS di bawahnya "
                                f"menunjukkan {num(n)}")

    if nomor is not None:
        label = f"suara paslon nomor urut {nomor}" + (f" ({unit['nama_paslon']})" if unit["nama_paslon"] else "")
    else:
        label = COLUMN_LABEL[kolom]
    return ContestExplanation(
        jenis=unit["jenis"], kode_kontes=unit["kode_kontes"], nama_kontes=unit["nama_kontes"] or "",
        tingkat=tingkat, kode_wilayah=unit["kode_wilayah"], nama_wilayah=unit["nama_wilayah"] or "",
        status_wilayah=unit["status"], kolom=kolom, label_kolom=label,
        nilai_terbit=published, jumlah_dihitung=total, tps=tuple(lines), koreksi=tuple(corrections),
        temuan_wilayah=_findings(unit["temuan"]) if tingkat != "tps" else (),
        masalah=tuple(problems),
    )


def _findings(items: Any) -> tuple[Finding, ...]:
    return tuple(Finding(f["aturan"], f["keparahan"], f["keterangan"]) for f in items or ())


def _corrections(data: ReleaseTables, koreksi: Path | None, kode: str, jenis: str, kode_kontes: str,
                 kolom: str) -> list[Correction]:
    if koreksi is None:
        return []
    try:
        rows = data.rows("read/explain_koreksi", {"path": str(koreksi), "kode": kode, "jenis": jenis,
                                             "kode_kontes": kode_kontes, "kolom": kolom})
    except duckdb.Error as err:
        raise ReleaseUnreadable(f"data/koreksi.csv: {err}") from None
    return [Correction(
        id=r["id"], kode_tps=r["kode_tps"], kolom=r["kolom"],
        nilai_lama=_int(r["nilai_lama"]), nilai_baru=_int(r["nilai_baru"]), nilai_formulir=_int(r["nilai_formulir"]),
        diterapkan=r["diterapkan"], alasan_penolakan=r["alasan_penolakan"], tingkat=r["tingkat"],
        alasan=r["alasan"], dokumen=r["dokumen"],
    ) for r in rows]


def _int(value: str | None) -> int | str | None:
    if value is None or value == "":
        return None
    text = value.strip()
    return int(text) if text.isascii() and text.isdigit() else text

