"""penduduk.csv: the population of every province and kab/kota (Dukcapil), under its wilayah.csv name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reference.common import check, digits, norm_name, read_csv_rows

from rekap.domain import LEVEL

PROV = LEVEL["provinsi"].code_length
KAB = LEVEL["kabkota"].code_length


@dataclass(frozen=True)
class Penduduk:
    rows: list[tuple]  # (kode, nama, total), sorted
    name_notes: list[str]  # names that differ from wilayah.csv's
    provinces: int
    kabkota: int


def build_penduduk(wdir: Path, wil: dict[str, str], contest_keys: set[tuple[str, str]]) -> Penduduk:
    penduduk = []
    pen_name_notes = []
    for r in read_csv_rows(wdir / "penduduk.csv"):
        c = digits(r["kode"])
        if c == "0":
            continue
        check(len(c) in (PROV, KAB), f"unexpected penduduk code {c}")
        check(c in wil, f"penduduk code {c} ({r['nama']}) not in wilayah")
        total = int(r["total"])
        check(total == int(r["pria"]) + int(r["wanita"]) and total > 0, f"bad penduduk row {c}")
        if norm_name(r["nama"]) != norm_name(wil[c]):
            pen_name_notes.append(f"{c}: `{r['nama'].strip()}` → `{wil[c]}`")
        penduduk.append((c, wil[c], total))
    penduduk.sort()
    pen_codes = {p[0] for p in penduduk}
    missing_pop = sorted(k for _, k in contest_keys if k not in pen_codes)
    check(not missing_pop, f"contest regions without population: {missing_pop}")
    n_prov_pen = sum(1 for p in penduduk if len(p[0]) == PROV)
    n_kab_pen = sum(1 for p in penduduk if len(p[0]) == KAB)
    contest_regions = {k for _, k in contest_keys}
    check(sum(1 for k in contest_regions if len(k) == PROV) + 1 == 38, "expected 37 contest provinces (+DIY)")
    return Penduduk(penduduk, pen_name_notes, n_prov_pen, n_kab_pen)
