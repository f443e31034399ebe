"""Asal angka (provenance): which TPS forms make up one published figure.

For a published release, a unit (`provinsi|kabkota|kecamatan|desa|tps` and its code) and a column
(`suara:<nomor_urut>` or an administrasi column such as `suara_sah`), list every TPS under the unit
with its value and status — counted (`dihitung`), held (`ditahan`, with its findings from
pengecualian.csv) or missing (`belum_masuk`) — the corrections of data/koreksi.csv that touched
those cells (when the release has that file), and the sum of the counted TPS beside the published
figure. The two must be equal; when they are not, the explanation says so (an internal error).

Reads only the release's own data files (never OUT/rekap.duckdb), through the same loading SQL as
the portal; the portal's page `/rilis/<id>/<jenis>-<kode_kontes>/<kode>/asal/<kolom>` calls
`explain_release` on its cached copy of the same tables.

    explain(out, None, "kecamatan", "647101", "suara:1")  # → Explanation (ExplainError: exit 2)
    print(render_text(explanation))
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rekap.contract import C_HASIL_COUNTS
from rekap.findings import angka

LEVELS = ("provinsi", "kabkota", "kecamatan", "desa", "tps")
CODE_LENGTH = {"provinsi": 2, "kabkota": 4, "kecamatan": 6, "desa": 10, "tps": 13}
LEVEL_BY_LENGTH = {n: level for level, n in CODE_LENGTH.items()}
LEVEL_NAME = {"provinsi": "Provinsi", "kabkota": "Kabupaten/Kota", "kecamatan": "Kecamatan",
              "desa": "Desa/Kelurahan", "tps": "TPS"}
JENIS = ("pkwkp", "pkwkk")
SUARA = re.compile(r"suara:([1-9][0-9]{0,2})")
SUARA_SEGMENT = re.compile(r"suara-([1-9][0-9]{0,2})")

# The columns of the C.Hasil form (administrasi.csv), in words.
COLUMN_LABEL = {
    "dpt_l": "pemilih dalam DPT laki-laki", "dpt_p": "pemilih dalam DPT perempuan",
    "dpph_l": "pemilih dalam DPPh laki-laki", "dpph_p": "pemilih dalam DPPh perempuan",
    "dptb_l": "pemilih dalam DPTb laki-laki", "dptb_p": "pemilih dalam DPTb perempuan",
    "pemilih_jumlah": "jumlah pemilih",
    "pengguna_dpt_l": "pengguna hak pilih DPT laki-laki", "pengguna_dpt_p": "pengguna hak pilih DPT perempuan",
    "pengguna_dpph_l": "pengguna hak pilih DPPh laki-laki",
    "pengguna_dpph_p": "pengguna hak pilih DPPh perempuan",
    "pengguna_dptb_l": "pengguna hak pilih DPTb laki-laki",
    "pengguna_dptb_p": "pengguna hak pilih DPTb perempuan",
    "pengguna_jumlah": "jumlah pengguna hak pilih",
    "disabilitas_l": "pemilih disabilitas laki-laki", "disabilitas_p": "pemilih disabilitas perempuan",
    "pengguna_disabilitas_l": "pengguna hak pilih disabilitas laki-laki",
    "pengguna_disabilitas_p": "pengguna hak pilih disabilitas perempuan",
    "ss_diterima": "surat suara diterima", "ss_rusak": "surat suara rusak/keliru coblos",
    "ss_tidak_digunakan": "surat suara tidak digunakan", "ss_digunakan": "surat suara digunakan",
    "suara_sah": "suara sah", "suara_tidak_sah": "suara tidak sah",
    "suara_total": "jumlah suara sah dan tidak sah",
}
assert set(COLUMN_LABEL) == set(C_HASIL_COUNTS)

# why the recap did not apply a correction (data/koreksi.csv, alasan_penolakan), in words
REJECTION_NAME = {
    "formulir_tidak_ada": "formulir TPS untuk kontes ini tidak ada",
    "kolom_tidak_dikenal": "kolom tidak dikenal",
    "nilai_lama_tidak_cocok": "nilai lama tidak cocok dengan nilai pada formulir",
}
STATUS_NAME = {"dihitung": "dihitung", "ditahan": "ditahan", "belum_masuk": "belum masuk"}
UNIT_STATUS_NAME = {"final": "final", "sementara": "sementara"}

EXIT_OK, EXIT_INTERNAL, EXIT_UNKNOWN = 0, 1, 2


class ExplainError(Exception):
    """An unknown release, level, unit, contest or column (the CLI exits 2)."""


class ReleaseTables(Protocol):
    """The release's data files as tables (rekap.published.releases.ReleaseData)."""

    def rows(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Finding:
    aturan: str
    keparahan: str  # error (holds the TPS) / warn
    keterangan: str


@dataclass(frozen=True)
class Correction:
    id: str
    kode_tps: str
    kolom: str
    nilai_lama: int | str | None
    nilai_baru: int | str | None
    nilai_formulir: int | str | None
    diterapkan: bool | None  # None: the file does not record it
    alasan_penolakan: str
    tingkat: str
    alasan: str
    dokumen: str


@dataclass(frozen=True)
class TpsLine:
    kode_tps: str
    nama_tps: str
    kode_desa: str
    nama_desa: str
    nilai: int | None  # as published at TPS level (after applied corrections); None: no form
    status: str  # dihitung / ditahan / belum_masuk
    di_daftar: bool  # in the master list (tps.csv)
    temuan: tuple[Finding, ...]
    koreksi: tuple[Correction, ...]

    @property
    def dihitung(self) -> bool:
        return self.status == "dihitung"

    @property
    def status_nama(self) -> str:
        return STATUS_NAME[self.status]


@dataclass(frozen=True)
class ContestExplanation:
    jenis: str
    kode_kontes: str
    nama_kontes: str
    tingkat: str
    kode_wilayah: str
    nama_wilayah: str
    status_wilayah: str  # final / sementara
    kolom: str
    label_kolom: str
    nilai_terbit: int | None  # the published figure (hasil.csv / administrasi.csv)
    jumlah_dihitung: int | None  # the sum of the counted TPS (at TPS level: the form's value)
    tps: tuple[TpsLine, ...]
    koreksi: tuple[Correction, ...]
    temuan_wilayah: tuple[Finding, ...]  # the unit's own findings (above TPS level)
    masalah: tuple[str, ...]  # internal inconsistencies; empty when the figure is explained

    @property
    def cocok(self) -> bool:
        return not self.masalah

    def banyak(self, status: str) -> int:
        return sum(1 for t in self.tps if t.status == status)


@dataclass(frozen=True)
class Explanation:
    release_id: str
    tingkat: str
    kode: str
    kolom: str
    kontes: tuple[ContestExplanation, ...]
    koreksi_tersedia: bool  # the release has data/koreksi.csv

    @property
    def cocok(self) -> bool:
        return all(k.cocok for k in self.kontes)


# --- entry points ---------------------------------------------------------------------------

def explain(out: Path, release: str | None, tingkat: str, kode: str, kolom: str,
            jenis: str | None = None) -> Explanation:
    """Explain one figure of a published release under OUT (`release` None or `latest`: OUT/latest).

    Raises ExplainError for an unknown release, level, unit, contest or column, and
    rekap.published.releases.ReleaseUnreadable when the release's data files cannot be read."""
    from rekap.published.releases import Releases

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
    where = f"{LEVEL_NAME[tingkat].lower()} {kode}"
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


def check_request(tingkat: str, kode: str, kolom: str, jenis: str | None) -> None:
    if tingkat not in LEVELS:
        raise ExplainError(f"tingkat {tingkat!r} tidak dikenal; pilih salah satu: {', '.join(LEVELS)}")
    n = CODE_LENGTH[tingkat]
    if not (isinstance(kode, str) and len(kode) == n and kode.isascii() and kode.isdigit()):
        raise ExplainError(f"kode {LEVEL_NAME[tingkat].lower()} harus {n} digit tanpa titik, bukan {kode!r}")
    if not (SUARA.fullmatch(kolom) or kolom in COLUMN_LABEL):
        raise ExplainError(f"kolom {kolom!r} tidak dikenal; gunakan suara:<nomor_urut> (mis. suara:1) "
                           f"atau kolom administrasi: {', '.join(C_HASIL_COUNTS)}")
    if jenis is not None and jenis not in JENIS:
        raise ExplainError(f"jenis {jenis!r} tidak dikenal; pilih pkwkp (gubernur) atau pkwkk (bupati/wali kota)")


def column_segment(kolom: str) -> str:
    """The column as a URL path segment: `suara:1` → `suara-1` (a colon is no plain segment)."""
    m = SUARA.fullmatch(kolom)
    return f"suara-{m.group(1)}" if m else kolom


def column_from_segment(segment: str) -> str:
    m = SUARA_SEGMENT.fullmatch(segment)
    return f"suara:{m.group(1)}" if m else segment


def main(out: Path, release: str | None, tingkat: str, kode: str, kolom: str, jenis: str | None = None) -> int:
    """`rekap explain`: print the explanation; 0 explained, 2 unknown release/unit/column, 1 when the
    counted TPS do not add up to the published figure (an internal error) or the release is unreadable."""
    from rekap.published.releases import ReleaseUnreadable

    try:
        explanation = explain(out, release, tingkat, kode, kolom, jenis)
    except ExplainError as err:
        print(f"rekap: {err}", file=sys.stderr)
        return EXIT_UNKNOWN
    except ReleaseUnreadable as err:
        print(f"rekap: berkas data rilis tidak dapat dibaca: {err}", file=sys.stderr)
        return EXIT_INTERNAL
    print(render_text(explanation))
    if not explanation.cocok:
        for contest in explanation.kontes:
            for problem in contest.masalah:
                print(f"rekap: GALAT INTERNAL ({contest.jenis} {contest.kode_kontes}): {problem}", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_OK


# --- building -------------------------------------------------------------------------------

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
            problems.append(f"nilai formulir {_num(total)} tidak sama dengan angka terbit {_num(published)}")
    else:
        counted = [t for t in lines if t.dihitung]
        total = sum(t.nilai or 0 for t in counted)
        if published is None or total != published:
            problems.append(f"jumlah {len(counted)} TPS yang dihitung ({_num(total)}) tidak sama dengan "
                            f"angka terbit ({_num(published)})")
        expected = {"tps_lolos": len(counted),
                    "tps_masuk": sum(1 for t in lines if t.status != "belum_masuk"),
                    "tps_total": sum(1 for t in lines if t.di_daftar)}
        for column, n in expected.items():
            if unit[column] != n:
                problems.append(f"{column} wilayah ini {_num(unit[column])}, tetapi TPS di bawahnya "
                                f"menunjukkan {_num(n)}")

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
    import duckdb

    from rekap.published.releases import ReleaseUnreadable

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


def _num(value: Any) -> str:
    return "—" if value is None else angka(value)


# --- text -----------------------------------------------------------------------------------

def unit_title(tingkat: str, nama: str) -> str:
    nama = nama or ""
    if nama.upper().startswith(("KAB.", "KAB ", "KABUPATEN", "KOTA", "TPS", "PROVINSI")):
        return nama
    return f"{LEVEL_NAME.get(tingkat, tingkat)} {nama}".strip()


def level_word(tingkat: str) -> str:
    """The level as a word inside a sentence: 'kecamatan', 'kabupaten/kota', 'TPS'."""
    return "TPS" if tingkat == "tps" else LEVEL_NAME.get(tingkat, tingkat).lower()


def contest_title(jenis: str, kode_kontes: str, nama: str) -> str:
    nama = nama or kode_kontes
    if jenis == "pkwkp":
        return f"Pemilihan Gubernur dan Wakil Gubernur {nama}"
    if nama.upper().startswith("KOTA "):
        return f"Pemilihan Wali Kota dan Wakil Wali Kota {nama}"
    return f"Pemilihan Bupati dan Wakil Bupati {nama}"


def correction_text(c: Correction) -> str:
    """One correction in words: who decided what, and whether it was applied."""
    where = f" di pleno {LEVEL_NAME.get(c.tingkat, c.tingkat).lower()}" if c.tingkat else ""
    change = f"{_num(c.nilai_lama)} → {_num(c.nilai_baru)}"
    if c.nilai_formulir is not None and c.nilai_formulir != c.nilai_lama:
        change += f" (nilai pada formulir {_num(c.nilai_formulir)})"
    if c.diterapkan is True:
        state = "diterapkan"
    elif c.diterapkan is False:
        reason = REJECTION_NAME.get(c.alasan_penolakan, c.alasan_penolakan)
        state = "tidak diterapkan" + (f": {reason}" if reason else "")
    else:
        state = "status penerapan tidak tercatat"
    parts = [f"koreksi {c.id}{where}: {change}, {state}"]
    if c.alasan:
        parts.append(f"alasan: {c.alasan}")
    if c.dokumen:
        parts.append(f"dokumen: {c.dokumen}")
    return "; ".join(parts)


def render_text(e: Explanation) -> str:
    out: list[str] = []
    first = e.kontes[0] if e.kontes else None
    title = unit_title(e.tingkat, first.nama_wilayah) if first else e.kode
    out.append(f"Asal angka: {title} ({e.kode}), kolom {e.kolom}")
    out.append(f"Rilis {e.release_id}")
    if len(e.kontes) > 1:
        out.append(f"Wilayah ini ada di {len(e.kontes)} kontes; masing-masing dijelaskan di bawah.")
    for k in e.kontes:
        out.append("")
        out.append(f"== {contest_title(k.jenis, k.kode_kontes, k.nama_kontes)} ({k.jenis} {k.kode_kontes})")
        out.append(f"Kolom: {k.label_kolom} [{k.kolom}]")
        out.append(f"Status {level_word(k.tingkat)}: {UNIT_STATUS_NAME.get(k.status_wilayah, k.status_wilayah)}")
        for f in k.temuan_wilayah:
            out.append(f"  temuan wilayah ({f.keparahan}, {f.aturan}): {f.keterangan}")
        out.append("")
        if k.tingkat == "tps":
            out.append("TPS ini:")
        else:
            out.append(f"TPS di bawah {unit_title(k.tingkat, k.nama_wilayah)} "
                       f"({angka(len(k.tps))} TPS: {angka(k.banyak('dihitung'))} dihitung, "
                       f"{angka(k.banyak('ditahan'))} ditahan, {angka(k.banyak('belum_masuk'))} belum masuk):")
        rows = [(t.kode_tps, f"{t.nama_desa} / {t.nama_tps}".strip(" /"), _num(t.nilai), t.status_nama, t)
                for t in k.tps]
        header = ("kode_tps", "desa/kelurahan / TPS", "nilai", "status")
        w_kode = max([len(header[0])] + [len(r[0]) for r in rows])
        w_nama = max([len(header[1])] + [len(r[1]) for r in rows])
        w_nilai = max([len(header[2])] + [len(r[2]) for r in rows])
        out.append(f"  {header[0]:<{w_kode}}  {header[1]:<{w_nama}}  {header[2]:>{w_nilai}}  {header[3]}")
        for kode_tps, nama, nilai, status, t in rows:
            flag = "" if t.di_daftar else " (tidak ada di daftar TPS)"
            mark = " [koreksi]" if t.koreksi else ""
            out.append(f"  {kode_tps:<{w_kode}}  {nama:<{w_nama}}  {nilai:>{w_nilai}}  {status}{flag}{mark}")
            for f in t.temuan:
                kind = "alasan" if f.keparahan == "error" else "peringatan"
                out.append(f"      {kind} ({f.aturan}): {f.keterangan}")
        if not rows:
            out.append("  (tidak ada TPS)")
        out.append("")
        if not e.koreksi_tersedia:
            out.append("Koreksi: rilis ini tidak memuat data/koreksi.csv.")
        elif not k.koreksi:
            out.append("Koreksi: tidak ada koreksi yang menyentuh sel ini.")
        else:
            out.append(f"Koreksi yang menyentuh sel ini ({angka(len(k.koreksi))}):")
            for c in k.koreksi:
                out.append(f"  {c.kode_tps}: {correction_text(c)}")
        out.append("")
        if k.tingkat == "tps":
            sums = [("Nilai formulir (setelah koreksi yang diterapkan)", k.jumlah_dihitung),
                    ("Angka terbit TPS", k.nilai_terbit)]
        else:
            sums = [(f"Jumlah {angka(k.banyak('dihitung'))} TPS yang dihitung", k.jumlah_dihitung),
                    (f"Angka terbit {level_word(k.tingkat)}", k.nilai_terbit)]
        w_label = max(len(label) for label, _ in sums)
        w_value = max(len(_num(value)) for _, value in sums)
        for label, value in sums:
            out.append(f"{label + ':':<{w_label + 1}}  {_num(value):>{w_value}}")
        if k.tingkat == "tps" and k.tps and not k.tps[0].dihitung:
            out.append("TPS ini tidak dihitung: angkanya tidak dijumlahkan ke desa/kelurahan dan tingkat di atasnya.")
        if k.cocok:
            out.append("Sama: angka terbit sama dengan jumlah TPS yang dihitung."
                       if k.tingkat != "tps" else "Sama: angka terbit sama dengan nilai formulir.")
        else:
            out.append("!!! GALAT INTERNAL: angka terbit TIDAK sama dengan asalnya. Laporkan ke pengelola rekap. !!!")
            for problem in k.masalah:
                out.append(f"!!! {problem}")
    return "\n".join(out) + "\n"
