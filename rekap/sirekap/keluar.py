"""Write a release's Sirekap-shaped tree: the aggregates KPU's public portal publishes, from ours.

`sirekap/` in the release mirrors the layout of the 2024-11-28 snapshot (docs/sirekap.md):
`paslon/<jenis>.json`, `pkwkp/0.json`, `<jenis>/<prov>/<prov>.json`, `<jenis>/<prov>/<kabkota>.json`,
and one level further down, `<jenis>/<prov>/<kabkota>/<kec>.json` (table per desa), so every unit
from desa up is a row of some table. No file per desa (table per TPS): nationally that would be
~167k more files to write, hash and fsync for figures data/hasil.csv already holds.
DuckDB builds every file's JSON text set-based, one query per level of the table rows; Python only
streams the rows into files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rekap.sqlfiles import run_sql

TREE_DIR = "sirekap"
PASLON_KPU = Path(__file__).resolve().parent / "paslon_kpu.csv"
# the level of the table rows, bottom-up: each query writes the files listing that level
ROW_LEVELS = ("desa", "kecamatan", "kabkota", "provinsi")
_BATCH = 2_000
# what SQL may name: the contest type, digits-only codes, `.json` (nothing else reaches the disk)
_SAFE_PATH = re.compile(r"(paslon|pkwkp|pkwkk)(/[0-9]{1,6})*/[0-9a-z]{1,6}\.json")


@dataclass(frozen=True)
class TreeStats:
    files: int
    bytes: int


def write_sirekap_tree(con: duckdb.DuckDBPyConnection, release_dir: Path) -> TreeStats:
    """Write `release_dir/sirekap/…` from the run's recap tables; same data, same bytes."""
    root = release_dir / TREE_DIR
    run_sql(con, "sirekap/paslon", {"kpu": str(PASLON_KPU)})
    run_sql(con, "sirekap/unit")
    made: set[Path] = set()
    files = size = 0
    queries = [("sirekap/paslon_berkas", {})] + [("sirekap/agregat", {"tingkat_anak": lv}) for lv in ROW_LEVELS]
    for name, params in queries:
        cursor = run_sql(con, name, params)
        while rows := cursor.fetchmany(_BATCH):
            for rel, text in rows:
                if not _SAFE_PATH.fullmatch(rel):
                    raise ValueError(f"jalur berkas Sirekap tidak sah: {rel!r}")
                path = root / rel
                if path.parent not in made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    made.add(path.parent)
                data = text.encode("utf-8") + b"\n"
                path.write_bytes(data)
                files += 1
                size += len(data)
    return TreeStats(files, size)
