"""What an explanation (asal angka) is made of: the request, the TPS lines, the corrections.

Plain frozen dataclasses, built by `rekap.explain.build` and read by `rekap.explain.text` (the CLI)
and `rekap.portal.asal` (the portal's page). Also the vocabulary of a request: which columns can be
explained and how they are spelt in a URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from rekap.contract import C_HASIL_COUNTS
from rekap.domain import JENIS, LEVEL, TOP_DOWN

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

STATUS_NAME = {"dihitung": "dihitung", "ditahan": "ditahan", "belum_masuk": "belum masuk"}


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


def check_request(tingkat: str, kode: str, kolom: str, jenis: str | None) -> None:
    if tingkat not in LEVEL:
        raise ExplainError(f"tingkat {tingkat!r} tidak dikenal; pilih salah satu: {', '.join(TOP_DOWN)}")
    level = LEVEL[tingkat]
    n = level.code_length
    if not (isinstance(kode, str) and len(kode) == n and kode.isascii() and kode.isdigit()):
        raise ExplainError(f"kode {level.label.lower()} harus {n} digit tanpa titik, bukan {kode!r}")
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
