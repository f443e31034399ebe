"""Tiny, hand-checkable election packages for tests: forms whose every identity holds.

`form(...)` derives a consistent C.Hasil row from a TPS's votes, so a test states only what it
is about (the votes, the voters) and can break one field on purpose.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from rekap.contract import C_HASIL_COUNTS


def form(kode_tps: str, jenis: str, votes: dict[int, int], *, tidak_sah: int = 2,
         dpt: tuple[int, int] = (150, 150), dptb: tuple[int, int] = (0, 0), **override) -> dict:
    """A C.Hasil-KWK row for one TPS and contest with every identity of domain.md §3 holding.

    DPTb voters (registered on the day) all vote; the rest of the voters come from the DPT."""
    sah = sum(votes.values())
    total = sah + tidak_sah
    dpt_l, dpt_p = dpt
    from_dpt = total - sum(dptb)
    if not 0 <= from_dpt <= dpt_l + dpt_p:
        raise ValueError("votes do not fit the voters")
    pengguna_l = min(dpt_l, from_dpt // 2)
    pengguna_p = from_dpt - pengguna_l
    received = dpt_l + dpt_p + -(-(dpt_l + dpt_p) // 40) + sum(dptb)  # reserve + one per DPTb voter
    row = {
        "kode_tps": kode_tps, "jenis": jenis,
        "dpt_l": dpt_l, "dpt_p": dpt_p, "dpph_l": 0, "dpph_p": 0, "dptb_l": dptb[0], "dptb_p": dptb[1],
        "pemilih_jumlah": dpt_l + dpt_p + sum(dptb),
        "pengguna_dpt_l": pengguna_l, "pengguna_dpt_p": pengguna_p,
        "pengguna_dpph_l": 0, "pengguna_dpph_p": 0, "pengguna_dptb_l": dptb[0], "pengguna_dptb_p": dptb[1],
        "pengguna_jumlah": total,
        "disabilitas_l": 1, "disabilitas_p": 1, "pengguna_disabilitas_l": 1, "pengguna_disabilitas_p": 0,
        "ss_diterima": received, "ss_rusak": 1, "ss_tidak_digunakan": received - 1 - total,
        "ss_digunakan": total,
        "suara_sah": sah, "suara_tidak_sah": tidak_sah, "suara_total": total,
    }
    row.update(override)
    row["_votes"] = dict(votes)
    return row


@dataclass
class Package:
    """An election package under construction; `write(folder)` emits the contract CSVs."""

    paslon: list[tuple[str, str, int, str, bool]] = field(default_factory=list)
    tps: list[tuple[str, int, int]] = field(default_factory=list)
    forms: list[dict] = field(default_factory=list)
    wilayah: list[tuple[str, str]] = field(default_factory=list)

    def contest(self, jenis: str, kode: str, names: list[str], kolom_kosong: bool = False) -> "Package":
        for i, name in enumerate(names, start=1):
            self.paslon.append((jenis, kode, i, name, False))
        if kolom_kosong:
            self.paslon.append((jenis, kode, len(names) + 1, "KOLOM KOSONG", True))
        return self

    def station(self, kode_tps: str, dpt: tuple[int, int] = (150, 150)) -> "Package":
        self.tps.append((kode_tps, *dpt))
        return self

    def submit(self, row: dict) -> "Package":
        self.forms.append(row)
        return self

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder / "paslon.csv", ["jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong"],
               [(j, k, n, name, str(kk).lower()) for j, k, n, name, kk in self.paslon])
        _write(folder / "tps.csv", ["kode_tps", "dpt_l", "dpt_p"], self.tps)
        extra = sorted({k for f in self.forms for k in f if k == "diterima_pada"})
        columns = ["kode_tps", "jenis", *C_HASIL_COUNTS, *extra]
        _write(folder / "c_hasil.csv", columns, [[f.get(c, "") for c in columns] for f in self.forms])
        _write(folder / "suara_paslon.csv", ["kode_tps", "jenis", "nomor_urut", "suara"],
               [(f["kode_tps"], f["jenis"], n, v) for f in self.forms for n, v in sorted(f["_votes"].items())])
        if self.wilayah:
            _write(folder / "wilayah.csv", ["kode", "nama"], self.wilayah)
        return folder


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


KOREKSI_COLUMNS = ("id", "kode_tps", "jenis", "kolom", "nilai_lama", "nilai_baru", "tingkat", "alasan", "dokumen")


def write_koreksi(folder: Path, rows: list[tuple]) -> Path:
    """koreksi.csv of a package: rows (id, kode_tps, jenis, kolom, nilai_lama, nilai_baru[, tingkat,
    alasan, dokumen]); the last three default to a kecamatan plenary with made-up minutes."""
    full = [(*r, "kecamatan", "salah tulis", f"BA-{r[0]}")[:len(KOREKSI_COLUMNS)] if len(r) == 6 else r
            for r in rows]
    _write(folder / "koreksi.csv", list(KOREKSI_COLUMNS), full)
    return folder
