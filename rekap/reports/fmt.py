"""Indonesian formatting for the reports: figures, percentages, the names of KPU bodies and contests.

Every figure a report prints goes through `angka` (177290 → '177.290') or `persen`
(59.27 → '59,27 %'); the same functions are the Jinja filters of the same names.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rekap.findings import angka as _angka

KOSONG = "–"  # a figure that does not exist (no votes counted yet, no population known)

_KAB = re.compile(r"^KAB(?:UPATEN)?\.?\s+", re.IGNORECASE)


def angka(value: Any) -> str:
    """177290 → '177.290'; None → '–'."""
    if value is None:
        return KOSONG
    if type(value) is int:  # the hot path: every cell of every form
        return f"{value:,}".replace(",", ".")
    return _angka(value)


def persen(value: Any, digits: int = 2) -> str:
    """59.27 → '59,27 %' (half-up to `digits` decimals, figures as DuckDB computed them)."""
    if value is None:
        return KOSONG
    text = f"{Decimal(str(value)):,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + " %"


def ya_tidak(value: Any) -> str:
    return KOSONG if value is None else ("ya" if value else "tidak")


def nama_daerah(nama: str, kode: str) -> str:
    """The region as a body's name: 'KAB. PASER' → 'KABUPATEN PASER', '64' → 'PROVINSI …'."""
    nama = (nama or f"KODE {kode}").upper()
    if len(kode) == 2:
        return f"PROVINSI {nama}"
    return _KAB.sub("KABUPATEN ", nama)


def badan_kpu(nama: str, kode: str) -> str:
    """'KOMISI PEMILIHAN UMUM KOTA BALIKPAPAN' / '… PROVINSI KALIMANTAN TIMUR'."""
    return f"KOMISI PEMILIHAN UMUM {nama_daerah(nama, kode)}"


def judul_kontes(jenis: str, nama: str, kode: str) -> str:
    """'PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR KALIMANTAN TIMUR', '… BUPATI …', '… WALI KOTA …'."""
    daerah = (nama or f"KODE {kode}").upper()
    if jenis == "pkwkp":
        return f"PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR {daerah}"
    if daerah.startswith("KOTA"):
        return f"PEMILIHAN WALI KOTA DAN WAKIL WALI KOTA {daerah[4:].strip()}"
    return f"PEMILIHAN BUPATI DAN WAKIL BUPATI {_KAB.sub('', daerah)}"


_JENJANG = {"GUBERNUR DAN WAKIL GUBERNUR": "Gubernur dan Wakil Gubernur",
            "WALI KOTA DAN WAKIL WALI KOTA": "Wali Kota dan Wakil Wali Kota",
            "BUPATI DAN WAKIL BUPATI": "Bupati dan Wakil Bupati"}


def jabatan(jenis: str, nama: str, kode: str) -> str:
    """What the contest elects: 'Wali Kota dan Wakil Wali Kota Balikpapan', 'Bupati … Paser', …"""
    judul = judul_kontes(jenis, nama, kode).removeprefix("PEMILIHAN ")
    for upper, proper in _JENJANG.items():
        if judul.startswith(upper):
            return proper + judul[len(upper):].title()
    return judul


def kode_titik(kode: str) -> str:
    """Kemendagri dotted form: '6471011001' → '64.71.01.1001'."""
    parts = [kode[:2], kode[2:4], kode[4:6], kode[6:10], kode[10:]]
    return ".".join(p for p in parts if p)


_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def tanggal(value: Any) -> str:
    """date(2024, 12, 5) → '5 Desember 2024'."""
    return f"{value.day} {_BULAN[value.month - 1]} {value.year}" if value else "–"


def nomor_keputusan(value: str | None) -> str:
    """'411/2024' → 'NOMOR 411 TAHUN 2024' (the decree's title line)."""
    if not value:
        return "NOMOR – (BELUM DITETAPKAN DALAM RAPAT PLENO)"
    nomor, tahun = value.split("/")
    return f"NOMOR {nomor} TAHUN {tahun}"


def status_pleno(value: str | None) -> str:
    from rekap.domain import PLENO_STATUS

    return PLENO_STATUS.get(value or "", value or "–")


FILTERS = {"status_pleno": status_pleno, "angka": angka, "persen": persen, "ya_tidak": ya_tidak, "kode_titik": kode_titik, "tanggal": tanggal,
           "nomor_keputusan": nomor_keputusan}
