"""The report of a Sirekap conversion: what was read, and every way the package differs from the source.

A contract count the portal does not publish is filled by the rule in FILL_RULES, counted, and
reported (warnings, manifest): never filled silently.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

_ZERO = "0 (tidak tersedia di sumber; bukan angka dari formulir)"
# contract column -> how it is filled when the form does not carry it (applied in this order)
FILL_RULES: dict[str, str] = {
    **{c: _ZERO for c in ("dpph_l", "dpph_p", "dptb_l", "dptb_p", "pengguna_dpph_l", "pengguna_dpph_p",
                          "pengguna_dptb_l", "pengguna_dptb_p", "disabilitas_l", "disabilitas_p",
                          "pengguna_disabilitas_l", "pengguna_disabilitas_p", "ss_rusak", "ss_tidak_digunakan")},
    "pemilih_jumlah": "jumlah tertulis per kategori (pemilih_dpt_j + pemilih_dpph_j + pemilih_dptb_j yang ada)",
    "pengguna_jumlah": "jumlah tertulis per kategori (pengguna_dpt_j + pengguna_dpph_j + pengguna_dptb_j yang ada)",
    "ss_digunakan": "pengguna_jumlah (identitas: surat suara digunakan = pengguna hak pilih)",
    "ss_diterima": "ss_rusak + ss_tidak_digunakan + ss_digunakan (identitas surat suara)",
}


@dataclass
class Conversion:
    """What the conversion read, and every way the package it wrote differs from the source."""

    files: int = 0
    forms: int = 0
    pair_rows: int = 0
    not_entered: int = 0  # TPS files whose chart or administrasi is still null
    aggregates_skipped: int = 0
    other_files_skipped: int = 0
    filled: Counter = field(default_factory=Counter)  # contract column -> forms where it was filled
    status_false: Counter = field(default_factory=Counter)
    unknown_keys: set = field(default_factory=set)
    source_sha256: str = ""

    def warnings(self) -> list[str]:
        out = [f"masukan Sirekap: {self.forms:,} formulir dari {self.files:,} berkas JSON; "
               f"{self.not_entered:,} berkas TPS belum terisi (chart/administrasi null) dihitung belum masuk"]
        groups: dict[tuple[str, int], list[str]] = {}
        for column in FILL_RULES:
            if self.filled[column]:
                groups.setdefault((FILL_RULES[column], self.filled[column]), []).append(column)
        for (rule, n), columns in groups.items():
            out.append(f"masukan Sirekap: {', '.join(columns)} tidak ada di {n:,} formulir; diisi {rule}")
        for key, n in sorted(self.status_false.items()):
            out.append(f"masukan Sirekap: {n:,} formulir dengan {key} false (angkanya tetap diperiksa gerbang)")
        if self.unknown_keys:
            out.append(f"masukan Sirekap: kunci tidak dikenal diabaikan: {', '.join(sorted(self.unknown_keys))}")
        if self.aggregates_skipped or self.other_files_skipped:
            out.append(f"masukan Sirekap: dilewati {self.aggregates_skipped:,} berkas agregat wilayah dan "
                       f"{self.other_files_skipped:,} berkas bukan .json")
        return out

    def as_manifest(self) -> dict:
        return {"format": "sirekap", "berkas_json": self.files, "formulir": self.forms,
                "baris_suara": self.pair_rows, "belum_terisi": self.not_entered,
                "sumber_sha256": self.source_sha256,
                "kolom_diisi": {c: {"formulir": self.filled[c], "aturan": FILL_RULES[c]}
                                for c in FILL_RULES if self.filled[c]},
                "status_false": dict(sorted(self.status_false.items()))}


def file_digest(rel: str, raw: bytes) -> bytes:
    """One source file's line in the conversion's source hash (``Conversion.source_sha256``)."""
    return f"{rel}\0{hashlib.sha256(raw).hexdigest()}\n".encode()
