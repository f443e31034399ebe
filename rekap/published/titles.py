"""How a unit of a published release is titled for people, on the portal and in `rekap explain`."""

from __future__ import annotations

from rekap.domain import LEVEL

_SELF_NAMED = ("KAB.", "KAB ", "KABUPATEN", "KOTA", "TPS", "PROVINSI")


def level_label(tingkat: str) -> str:
    """'Kabupaten/Kota'; an unknown level as it is."""
    return LEVEL[tingkat].label if tingkat in LEVEL else tingkat


def level_word(tingkat: str) -> str:
    """The level as a word inside a sentence: 'kecamatan', 'kabupaten/kota', 'TPS'."""
    return LEVEL[tingkat].word if tingkat in LEVEL else tingkat.lower()


def unit_title(tingkat: str, nama: str) -> str:
    """'Kecamatan Balikpapan Barat', 'Provinsi KALIMANTAN TIMUR'; names that already say what they
    are stay as they are: 'KOTA BALIKPAPAN', 'KAB. PASER', 'TPS 019'."""
    nama = nama or ""
    if nama.upper().startswith(_SELF_NAMED):
        return nama
    return f"{level_label(tingkat)} {nama}".strip()
