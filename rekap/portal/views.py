"""The portal's view models: plain dicts for the templates (StrictUndefined: every key is set).

No figures of their own: votes, shares (persen_2d) and counts come from sql/read/portal_*.sql; the
documents a unit or contest links come from the report catalogue (rekap.reports.catalogue).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rekap.domain import contest_short, contest_title
from rekap.portal import format as fmt
from rekap.published.titles import level_label
from rekap.reports.catalogue import CONTEST_DOCUMENTS, FORMS

STATUS_NAME = {"final": "Final", "sementara": "Sementara"}
PENETAPAN_NAME = {
    "terpilih": "Ditetapkan: paslon terpilih",
    "kolom_kosong_menang": "Ditetapkan: kolom kosong menang",
    "seri": "Seri: perolehan suara tertinggi sama",
    "sementara": "Belum ditetapkan (sementara)",
}
KEPARAHAN_NAME = {"error": "Ditahan", "warn": "Peringatan"}
FINDINGS_LIMIT = 500


def link(*parts: str, trailing: bool = False) -> str:
    # every part is a SEGMENT or a code: URL-safe as it is
    return "/" + "/".join(parts) + ("/" if trailing else "")


def crumb(label: str, href: str | None) -> dict[str, Any]:
    return {"label": label, "href": href}


def release_summary(rid: str, manifest: dict, latest: str | None) -> dict[str, Any]:
    summary = manifest.get("summary") if isinstance(manifest.get("summary"), dict) else {}
    status = str(manifest.get("status") or summary.get("status") or "")

    def num(key: str) -> Any:
        value = summary.get(key)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    return {
        "id": rid,
        "href": link("rilis", rid, trailing=True),
        "status": status,
        "status_nama": STATUS_NAME.get(status, status or "tidak diketahui"),
        "terbaru": rid == latest,
        "finished_at": str(manifest.get("finished_at") or ""),
        "started_at": str(manifest.get("started_at") or ""),
        "code_version": str(manifest.get("code_version") or ""),
        "flow_run_id": str(manifest.get("flow_run_id") or ""),
        "data_sha256": str(manifest.get("data_sha256") or ""),
        "kontes": num("kontes"),
        "kontes_ditetapkan": num("kontes_ditetapkan"),
        "formulir_diharapkan": num("formulir_diharapkan"),
        "formulir_masuk": num("formulir_masuk"),
        "formulir_lolos": num("formulir_lolos"),
        "formulir_ditahan": num("formulir_ditahan"),
        "tps_daftar": num("tps_daftar"),
        "temuan_error": num("temuan_error"),
        "temuan_warn": num("temuan_warn"),
    }


def contest_names(jenis: str, kode_kontes: str, nama: str) -> dict[str, Any]:
    nama = nama or kode_kontes
    judul, singkat = contest_title(jenis, kode_kontes, nama), contest_short(jenis, kode_kontes, nama)
    return {"jenis": jenis, "kode": kode_kontes, "nama": nama, "judul": judul, "singkat": singkat,
            "slug": f"{jenis}-{kode_kontes}"}


def contest_view(rid: str, row: dict[str, Any], files: dict) -> dict[str, Any]:
    view = contest_names(row["jenis"], row["kode_kontes"], row["nama_wilayah"])
    view["href"] = link("rilis", rid, view["slug"], row["kode_kontes"])
    penetapan = row["penetapan"]
    view.update(
        tingkat_nama=level_label(row["tingkat"]),
        progres=progress(row),
        status=row["status_unit"], status_nama=STATUS_NAME.get(row["status_unit"], row["status_unit"]),
        tps_sementara=row["tps_sementara"],
        penetapan=penetapan, penetapan_nama=PENETAPAN_NAME.get(penetapan, penetapan),
        ditetapkan=penetapan in ("terpilih", "kolom_kosong_menang"),
        unggul_nomor=row["nomor_urut"], unggul_nama=row["nama_paslon"], unggul_suara=row["suara"],
        unggul_persen=row["persen"], selisih_suara=row["selisih_suara"], selisih_persen=row["selisih_persen"],
        ambang_mk=row["ambang_mk_persen"], mk=str(row["dapat_diajukan_ke_mk"]).lower() == "true",
        unduhan=contest_files(rid, files, row["jenis"], row["kode_kontes"]),
    )
    return view


def progress(row: dict[str, Any]) -> dict[str, Any]:
    """A unit's TPS progress; the printed share (persen_masuk) is the SQL's persen_2d, the bar widths
    (CSS classes, not figures) are plain ratios."""
    total, masuk, lolos = int(row["tps_total"] or 0), int(row["tps_masuk"] or 0), int(row["tps_lolos"] or 0)
    p_lolos = fmt.rasio(lolos, total)
    held = max(0, masuk - lolos)
    return {
        "total": total, "masuk": masuk, "lolos": lolos, "tertahan": held,
        "belum": max(0, total - masuk),
        "persen_masuk": row["persen_masuk"],
        "lebar_lolos": fmt.lebar(p_lolos),
        "lebar_tahan": fmt.lebar(min(fmt.rasio(held, total) or 0.0, 100.0 - min(p_lolos or 0.0, 100.0))),
    }


def file_link(rid: str, entry, label: str) -> dict[str, Any]:
    return {"nama": entry.path.rsplit("/", 1)[-1], "path": entry.path, "label": label,
            "href": link("unduh", rid, *entry.path.split("/")), "ukuran": entry.size,
            "jenis": Path(entry.path).suffix.lstrip(".").upper()}


def unit_files(rid: str, files: dict, jenis: str, kode_kontes: str, tingkat: str, kode: str) -> list[dict[str, Any]]:
    """The unit's own documents (its D.Hasil form, rekap.reports.catalogue), in the release."""
    entry = FORMS.get(tingkat)
    return _documents(rid, files, [entry], jenis, kode_kontes, kode) if entry else []


def contest_files(rid: str, files: dict, jenis: str, kode_kontes: str) -> list[dict[str, Any]]:
    """The contest's documents (rekap.reports.catalogue), in the release."""
    return _documents(rid, files, CONTEST_DOCUMENTS, jenis, kode_kontes, None)


def _documents(rid: str, files: dict, entries, jenis: str, kode_kontes: str, kode: str | None) -> list[dict[str, Any]]:
    wanted = [(f"{entry.path(jenis, kode_kontes, kode)}.{ext}", entry.label) for entry in entries
              for ext in entry.formats]
    return [file_link(rid, files[p], label) for p, label in wanted if p in files]


def pleno_view(row: dict[str, Any]) -> dict[str, Any]:
    """A unit's plenary as the portal says it: adopted (with its decree) or provisional, and on time."""
    from rekap.domain import KETEPATAN, LEVEL, PLENO_STATUS, contest_short

    return {**row, "status_nama": PLENO_STATUS.get(row["status"], row["status"]),
            "ketepatan_nama": KETEPATAN.get(row["ketepatan"], row["ketepatan"]),
            "ditetapkan": row["status"] == "ditetapkan",
            "tingkat_nama": LEVEL[row["tingkat"]].label,
            "kontes": contest_short(row["jenis"], row["kode_kontes"], row.get("nama_kontes") or row["kode_kontes"]),
            "href": link("rilis", row.get("rilis_ini", ""), f"{row['jenis']}-{row['kode_kontes']}", row["kode_wilayah"])
            if row.get("rilis_ini") else None}
