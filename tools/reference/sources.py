"""The shared data folder read once: the Sirekap snapshot (kecamatan rows, contests, candidate
masters, KPU's district names) and the set of region codes it uses."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reference.common import check, read_csv_rows

from rekap.domain import JENIS, LEVEL

# the levels a snapshot code may be at: the contest regions and the kecamatan under them
SNAPSHOT_CODE_LENGTHS = tuple(LEVEL[lv].code_length for lv in ("provinsi", "kabkota", "kecamatan"))


@dataclass(frozen=True)
class Snapshot:
    rows: list[dict[str, str]]  # derived/kecamatan_snapshot.csv
    kontes_rows: list[dict[str, str]]  # derived/kontes.csv
    paslon_json: dict[str, dict]  # jenis -> paslon/<jenis>.json
    district: dict[str, str]  # code -> name from KPU's district lists
    codes: set[str]  # every region code the snapshot uses
    kecamatan: set[str]  # the kecamatan codes of its rows


def inputs(shared: Path) -> tuple[Path, Path]:
    """The wilayah and Sirekap folders of the shared data folder, every file the build reads checked."""
    data = shared / "data"
    wdir = data / "wilayah"
    sdir = data / "sirekap-pilkada-2024"
    for p in (wdir / "wilayah_2023.csv", wdir / "wilayah_2025.csv", wdir / "penduduk.csv",
              wdir / "LICENSE", sdir / "derived" / "kecamatan_snapshot.csv",
              sdir / "derived" / "kontes.csv", sdir / "paslon" / "pkwkp.json",
              sdir / "paslon" / "pkwkk.json"):
        check(p.is_file(), f"missing input {p}")
    return wdir, sdir


def read_snapshot(sdir: Path) -> Snapshot:
    snap = read_csv_rows(sdir / "derived" / "kecamatan_snapshot.csv")
    kontes_rows = read_csv_rows(sdir / "derived" / "kontes.csv")
    paslon_json = {j: json.loads((sdir / "paslon" / f"{j}.json").read_text(encoding="utf-8"))
                   for j in JENIS}
    district: dict[str, str] = {}
    for f in sorted((sdir / "district").glob("*/*.json")):
        for item in json.loads(f.read_text(encoding="utf-8")):
            district[str(item["kode"])] = str(item["nama"]).strip()

    snap_codes: set[str] = set()
    snap_kec: set[str] = set()
    for r in snap:
        snap_codes.update((r["kode_kontes"], r["kode_kabkota"], r["kode_kecamatan"]))
        snap_kec.add(r["kode_kecamatan"])
    for r in kontes_rows:
        snap_codes.add(r["kode_kontes"])
    for j, d in paslon_json.items():
        snap_codes.update(d.keys())
    snap_codes.update(district.keys())
    for c in snap_codes:
        check(c.isdigit() and len(c) in SNAPSHOT_CODE_LENGTHS, f"unexpected snapshot code {c!r}")
    return Snapshot(snap, kontes_rows, paslon_json, district, snap_codes, snap_kec)
