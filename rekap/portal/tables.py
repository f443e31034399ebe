"""The tables of the portal's unit page: votes and shares, administrasi, the units one level down,
findings. Plain dicts for templates/portal/wilayah.html (StrictUndefined: every key is set)."""

from __future__ import annotations

from typing import Any

from rekap.portal import format as fmt
from rekap.portal.views import FINDINGS_LIMIT, KEPARAHAN_NAME, STATUS_NAME, link, progress
from rekap.published.titles import level_label, unit_title


def pair_name(nomor: Any, nama: str) -> str:
    return nama or f"Nomor urut {nomor} (tidak terdaftar di kontes ini)"


def results_view(votes: list[dict[str, Any]], suara_sah: Any) -> tuple[list[dict[str, Any]], str]:
    counted = [v["suara"] for v in votes if v["suara"] is not None]
    total = sum(counted)
    best = max(counted) if counted else None
    rows = []
    for v in votes:  # v["persen"]: sql/read/portal_unit_hasil.sql (persen_2d), as the reports print it
        rows.append({
            "nomor": v["nomor_urut"], "nama": pair_name(v["nomor_urut"], v["nama_paslon"]),
            "suara": v["suara"], "persen": v["persen"], "lebar": fmt.lebar(fmt.rasio(v["suara"], total)),
            "unggul": best is not None and best > 0 and v["suara"] == best,
            "dikenal": bool(v["nama_paslon"]),
        })
    note = ""
    if not counted and votes:
        note = "Formulir C.Hasil belum masuk: belum ada perolehan suara."
    elif suara_sah is not None and counted and total != suara_sah:
        note = (f"Jumlah suara paslon ({fmt.angka(total)}) tidak sama dengan suara sah "
                f"({fmt.angka(suara_sah)}); persentase dihitung dari jumlah suara paslon.")
    return rows, note


def unit_view(unit: dict[str, Any]) -> dict[str, Any]:
    return {
        "tingkat": unit["tingkat"], "tingkat_nama": level_label(unit["tingkat"]),
        "judul": unit_title(unit["tingkat"], unit["nama_wilayah"]),
        "kode": unit["kode_wilayah"], "nama": unit["nama_wilayah"],
        "status": unit["status"], "status_nama": STATUS_NAME.get(unit["status"], unit["status"]),
        "progres": progress(unit),
        "tps_sementara": unit["tps_sementara"],
        "suara_sah": unit["suara_sah"], "suara_tidak_sah": unit["suara_tidak_sah"],
        "suara_total": unit["suara_total"],
    }


def admin_view(unit: dict[str, Any]) -> dict[str, Any]:
    def lp(label: str, prefix: str, total_key: str | None = None) -> dict[str, Any]:
        l, p = unit[f"{prefix}_l"], unit[f"{prefix}_p"]
        jumlah = unit[total_key] if total_key else (None if l is None or p is None else l + p)
        return {"label": label, "l": l, "p": p, "jumlah": jumlah,
                "kolom_l": f"{prefix}_l", "kolom_p": f"{prefix}_p", "kolom_jumlah": total_key}

    pemilih = [lp("Pemilih dalam DPT", "dpt"), lp("Pemilih dalam DPPh (pindahan)", "dpph"),
               lp("Pemilih dalam DPTb (tambahan)", "dptb")]
    pemilih.append({"label": "Jumlah pemilih", "l": _sum(r["l"] for r in pemilih),
                    "p": _sum(r["p"] for r in pemilih), "jumlah": unit["pemilih_jumlah"], "total": True,
                    "kolom_l": None, "kolom_p": None, "kolom_jumlah": "pemilih_jumlah"})
    pengguna = [lp("Pengguna hak pilih DPT", "pengguna_dpt"), lp("Pengguna hak pilih DPPh", "pengguna_dpph"),
                lp("Pengguna hak pilih DPTb", "pengguna_dptb")]
    pengguna.append({"label": "Jumlah pengguna hak pilih", "l": _sum(r["l"] for r in pengguna),
                     "p": _sum(r["p"] for r in pengguna), "jumlah": unit["pengguna_jumlah"], "total": True,
                     "kolom_l": None, "kolom_p": None, "kolom_jumlah": "pengguna_jumlah"})
    for rows in (pemilih, pengguna):
        for r in rows:
            r.setdefault("total", False)
    disabilitas = [lp("Pemilih disabilitas", "disabilitas"),
                   lp("Pengguna hak pilih disabilitas", "pengguna_disabilitas")]
    for r in disabilitas:
        r["total"] = False
    surat = [
        {"label": "Surat suara diterima", "nilai": unit["ss_diterima"]},
        {"label": "Surat suara rusak/keliru coblos", "nilai": unit["ss_rusak"]},
        {"label": "Surat suara tidak digunakan", "nilai": unit["ss_tidak_digunakan"]},
        {"label": "Surat suara digunakan", "nilai": unit["ss_digunakan"]},
        {"label": "Suara sah", "nilai": unit["suara_sah"]},
        {"label": "Suara tidak sah", "nilai": unit["suara_tidak_sah"]},
        {"label": "Jumlah suara sah dan tidak sah", "nilai": unit["suara_total"]},
    ]
    for r, kolom in zip(surat, ("ss_diterima", "ss_rusak", "ss_tidak_digunakan", "ss_digunakan",
                                "suara_sah", "suara_tidak_sah", "suara_total")):
        r["kolom"] = kolom  # the figure's "asal angka" page: …/asal/<kolom>
    return {"pemilih": pemilih + pengguna + disabilitas, "surat": surat}


def _sum(values) -> Any:
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def children_view(rid: str, jenis: str, kode_kontes: str, tingkat: str, rows: list[dict[str, Any]],
                  votes: list[dict[str, Any]], results: list[dict[str, Any]],
                  reasons: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    by_child: dict[str, dict[int, Any]] = {}
    extra: dict[int, str] = {}
    for v in votes:
        by_child.setdefault(v["kode_wilayah"], {})[v["nomor_urut"]] = v["suara"]
        extra.setdefault(v["nomor_urut"], v["nama_paslon"])
    numbers = [r["nomor"] for r in results]
    numbers += sorted(n for n in extra if n not in numbers)
    names = {r["nomor"]: r["nama"] for r in results}
    pairs = [{"nomor": n, "nama": names.get(n) or pair_name(n, extra.get(n, ""))} for n in numbers]
    items = []
    for r in rows:
        kode = r["kode_wilayah"]
        child_votes = by_child.get(kode, {})
        items.append({
            "kode": kode, "nama": r["nama_wilayah"],
            "href": link("rilis", rid, f"{jenis}-{kode_kontes}", kode),
            "progres": progress(r),
            "status": r["status"], "status_nama": STATUS_NAME.get(r["status"], r["status"]),
            "tps_sementara": r["tps_sementara"],
            "suara": [child_votes.get(n) for n in numbers],
            "suara_sah": r["suara_sah"],
            "alasan": reasons.get(kode, []) if tingkat == "tps" else [],
        })
    return {"tingkat": tingkat, "tingkat_nama": level_label(tingkat), "paslon": pairs,
            "baris": items, "tps": tingkat == "tps"}


def findings_view(rid: str, jenis: str, kode_kontes: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for f in findings:
        rows.append({
            "tingkat_nama": level_label(f["tingkat"]),
            "judul": unit_title(f["tingkat"], f["nama_wilayah"]) if f["nama_wilayah"] else
                     level_label(f["tingkat"]),
            "kode": f["kode_wilayah"], "nama": f["nama_wilayah"],
            "href": link("rilis", rid, f"{jenis}-{kode_kontes}", f["kode_wilayah"]) if f["ada_halaman"] else None,
            "aturan": f["aturan"], "keparahan": f["keparahan"],
            "keparahan_nama": KEPARAHAN_NAME.get(f["keparahan"], f["keparahan"]),
            "keterangan": f["keterangan"],
        })
    total = findings[0]["jumlah"] if findings else 0
    errors = sum(1 for f in findings if f["keparahan"] == "error")
    return {"baris": rows, "jumlah": total, "terpotong": total > len(rows), "error": errors,
            "batas": FINDINGS_LIMIT}
