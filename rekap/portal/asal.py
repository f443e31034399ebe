"""The portal's "asal angka" page: the view of a `rekap.explain` explanation (no logic of its own).

    /rilis/<id>/<jenis>-<kode_kontes>/<kode_wilayah>/asal/<kolom>    kolom: suara-<n> or e.g. suara_sah
"""

from __future__ import annotations

from typing import Any

from rekap.explain.model import STATUS_NAME, ContestExplanation, Explanation, column_segment
from rekap.explain.text import correction_text
from rekap.published.titles import level_word

TPS_LIMIT = 1000  # TPS lines on one page; a held or missing TPS, or one with a correction, is always shown


def explanation_view(rid: str, e: Explanation, k: ContestExplanation, unit_href: str,
                     tps_href) -> dict[str, Any]:
    """Plain dicts for templates/portal/asal.html (StrictUndefined: every key is set)."""
    lines = list(k.tps)
    if len(lines) > TPS_LIMIT:
        must = sum(1 for t in lines if not t.dihitung or t.koreksi)
        room = max(0, TPS_LIMIT - must)
        shown = []
        for t in lines:
            if not t.dihitung or t.koreksi:
                shown.append(t)
            elif room:
                shown.append(t)
                room -= 1
    else:
        shown = lines
    rows = []
    for t in shown:
        rows.append({
            "kode": t.kode_tps, "nama": t.nama_tps, "desa": t.nama_desa, "kode_desa": t.kode_desa,
            "href": tps_href(t.kode_tps), "nilai": t.nilai, "status": t.status,
            "status_nama": STATUS_NAME[t.status], "di_daftar": t.di_daftar,
            "alasan": [{"aturan": f.aturan, "keparahan": f.keparahan, "keterangan": f.keterangan}
                       for f in t.temuan],
            "koreksi": [c.id for c in t.koreksi],
        })
    return {
        "kolom": k.kolom, "segmen": column_segment(k.kolom), "label": k.label_kolom,
        "tingkat": k.tingkat, "tingkat_kata": level_word(k.tingkat), "tps_sendiri": k.tingkat == "tps",
        "unit_href": unit_href,
        "status_wilayah": k.status_wilayah,
        "temuan_wilayah": [{"aturan": f.aturan, "keparahan": f.keparahan, "keterangan": f.keterangan}
                           for f in k.temuan_wilayah],
        "baris": rows,
        "jumlah_tps": len(lines),
        "ditampilkan": len(rows),
        "terpotong": len(rows) < len(lines),
        "dihitung": k.banyak("dihitung"), "ditahan": k.banyak("ditahan"), "belum_masuk": k.banyak("belum_masuk"),
        "jumlah_dihitung": k.jumlah_dihitung, "nilai_terbit": k.nilai_terbit,
        "tps_tidak_dihitung": k.tingkat == "tps" and bool(k.tps) and not k.tps[0].dihitung,
        "cocok": k.cocok, "masalah": list(k.masalah),
        "koreksi_tersedia": e.koreksi_tersedia,
        "koreksi": [{"id": c.id, "kode_tps": c.kode_tps, "href": tps_href(c.kode_tps),
                     "diterapkan": c.diterapkan, "teks": correction_text(c)} for c in k.koreksi],
        "rilis_id": rid,
    }
