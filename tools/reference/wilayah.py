"""wilayah.csv: the region code list in force on election day, as Sirekap codes it.

From the 2023 list (Kepmendagri 100.1.1-6117/2022), with Papua Barat Daya moved to Sirekap's 96.*
codes, any snapshot code still unnamed taken from the 2025 list or KPU's district list, and a desa
synthesised for a snapshot kecamatan without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reference.common import check, digits, norm_name, read_csv_rows
from reference.sources import Snapshot

from rekap.domain import LEVEL

# Papua Barat Daya (province 96, created by UU 29/2022). The 2023 table (Kepmendagri
# 100.1.1-6117/2022, in force on election day) still lists its kab/kota under Papua Barat
# (92). Sirekap uses the 96 codes but keeps the 2023 kecamatan numbering below the kab/kota
# (verified below: the kecamatan suffix sets match the 2023 ones exactly, and not the 2025
# ones, which renumbered kecamatan in Sorong, Sorong Selatan and Raja Ampat).
PBD_KABKOTA_2023_TO_SIREKAP = {
    "9201": "9601",  # Kab. Sorong
    "9204": "9602",  # Kab. Sorong Selatan
    "9205": "9603",  # Kab. Raja Ampat
    "9209": "9604",  # Kab. Tambrauw
    "9210": "9605",  # Kab. Maybrat
    "9271": "9671",  # Kota Sorong
}
PBD_PROVINCE = "96"
WILAYAH_2023_CODES = 91_591

KAB = LEVEL["kabkota"].code_length
KEC = LEVEL["kecamatan"].code_length
DESA = LEVEL["desa"].code_length
# the parents a code must have: the levels above desa, by code length
PARENT_LENGTHS = tuple(LEVEL[lv].code_length for lv in ("provinsi", "kabkota", "kecamatan"))


@dataclass(frozen=True)
class Wilayah:
    names: dict[str, str]  # code -> name
    source_of: dict[str, str]  # code -> which table named it
    pbd_notes: list[str]  # SOURCE.md table rows on the Papua Barat Daya move
    fallback: list[str]  # codes named from the 2025 list or the district list
    synthesised: list[str]  # desa synthesised for a kecamatan without one


def build_wilayah(wdir: Path, snap: Snapshot) -> Wilayah:
    snap_codes, snap_kec, district = snap.codes, snap.kecamatan, snap.district
    w23 = {digits(r["kode"]): r["nama"].strip() for r in read_csv_rows(wdir / "wilayah_2023.csv")}
    w25 = {digits(r["kode"]): r["nama"].strip() for r in read_csv_rows(wdir / "wilayah_2025.csv")}
    check(len(w23) == WILAYAH_2023_CODES, f"wilayah_2023 has {len(w23)} codes, expected 91,591")

    # Verify the Papua Barat Daya mapping before relying on it.
    pbd_notes: list[str] = []
    for old, new in sorted(PBD_KABKOTA_2023_TO_SIREKAP.items()):
        check(old in w23 and new not in w23, f"PBD mapping {old}->{new} not as expected in 2023 table")
        check(new in w25 and norm_name(w25[new]) == norm_name(w23[old]),
              f"PBD kab/kota name mismatch {old} {w23[old]!r} vs 2025 {new} {w25.get(new)!r}")
        suf23 = {c[KAB:] for c in w23 if len(c) == KEC and c.startswith(old)}
        sufsnap = {c[KAB:] for c in snap_kec if c.startswith(new)}
        suf25 = {c[KAB:] for c in w25 if len(c) == KEC and c.startswith(new)}
        check(suf23 == sufsnap, f"Sirekap kecamatan of {new} do not follow the 2023 numbering of {old}")
        both = sorted(sufsnap & suf25)
        same = sum(1 for s in both if norm_name(w25[new + s]) == norm_name(w23[old + s]))
        pbd_notes.append(
            f"| {old} → {new} | {w23[old]} | {len(sufsnap)} | {len(sufsnap - suf25)} | "
            f"{len(both) - same} |")

    wil: dict[str, str] = {}
    source_of: dict[str, str] = {}
    for code, name in w23.items():
        new_code = code
        if code[:KAB] in PBD_KABKOTA_2023_TO_SIREKAP and len(code) >= KAB:
            new_code = PBD_KABKOTA_2023_TO_SIREKAP[code[:KAB]] + code[KAB:]
        check(new_code not in wil, f"duplicate code {new_code}")
        wil[new_code] = name
        source_of[new_code] = "2023" if new_code == code else "2023-relocated"
    check(PBD_PROVINCE in w25, "province 96 missing from wilayah_2025")
    wil[PBD_PROVINCE] = w25[PBD_PROVINCE].upper()  # 2023 style: provinces in upper case
    source_of[PBD_PROVINCE] = "2025"

    # Any snapshot code still unresolved: 2025 table, then KPU's district list (kab/kota).
    fallback: list[str] = []
    for c in sorted(snap_codes):
        if c in wil:
            continue
        if c in w25:
            wil[c] = w25[c]
            source_of[c] = "2025"
            fallback.append(f"{c} {w25[c]} (wilayah_2025)")
        elif c in district:
            wil[c] = district[c]
            source_of[c] = "sirekap-district"
            fallback.append(f"{c} {district[c]} (Sirekap district list)")
    unresolved = sorted(c for c in snap_codes if c not in wil)
    check(not unresolved, f"snapshot codes without a name: {unresolved}")
    # parents must exist too
    for c in list(wil):
        for plen in PARENT_LENGTHS:
            if len(c) > plen:
                check(c[:plen] in wil, f"code {c} has no parent {c[:plen]}")

    # Every snapshot kecamatan needs >= 1 desa; synthesise <kec>1001 where there is none.
    kec_with_desa = {c[:KEC] for c in wil if len(c) == DESA}
    synthesised: list[str] = []
    for k in sorted(snap_kec):
        if k not in kec_with_desa:
            d = k + "1001"
            check(d not in wil, f"cannot synthesise desa {d}")
            wil[d] = wil[k]
            source_of[d] = "synthesised"
            synthesised.append(f"{d} {wil[k]}")
    kec_with_desa = {c[:KEC] for c in wil if len(c) == DESA}
    check(all(k in kec_with_desa for k in snap_kec), "a snapshot kecamatan has no desa")
    check(all(c in wil for c in snap_codes), "a snapshot code does not resolve")
    return Wilayah(wil, source_of, pbd_notes, fallback, synthesised)
