"""(a) The floor: bare DuckDB in one process, the same recap as rekap with nothing around it.

Reads the package's CSVs (typed by the reader), refuses unusable input, applies every rule of
rekap's TPS gate as SQL predicates (bench/sql/floor_cek_tps.sql), aggregates every level (desa,
kecamatan, kab/kota, province: votes and every form count) and decides each contest. No Great
Expectations, no Prefect, no database file, no per-stage files: the lower bound of the work.

    python -m bench.floor --input PKG --json RESULT.json [--threads N] [--memory-limit 4GB]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

from bench.measure import Span, write_child_result
from bench.packages import check_supported
from bench.sqlrun import connect, run

STEPS = (
    ("baca", ("floor_paslon", "floor_tps", "floor_c_hasil", "floor_suara")),
    ("cek_masukan", ("floor_cek_masukan",)),
    ("cek_tps", ("floor_cek_tps",)),
    ("tingkat", ("floor_administrasi", "floor_hasil")),
    ("penetapan", ("floor_penetapan",)),
)
READERS = {"floor_paslon": "paslon.csv", "floor_tps": "tps.csv", "floor_c_hasil": "c_hasil.csv",
           "floor_suara": "suara_paslon.csv"}


def recap(con: duckdb.DuckDBPyConnection, pkg: Path) -> dict:
    """The whole floor recap on `con`; returns seconds per step (wall, CPU)."""
    steps = {}
    for step, names in STEPS:
        with Span() as span:
            for name in names:
                params = {"path": str(pkg / READERS[name])} if name in READERS else None
                result = run(con, name, params)
                if name == "floor_cek_masukan":
                    bad = dict(zip([d[0] for d in result.description], result.fetchone()))
                    if any(bad.values()):
                        raise ValueError(f"paket tidak dapat dipakai: {bad}")
        steps[step] = {"wall_s": span.wall_s, "cpu_s": span.cpu_s}
    return steps


def outcome(con: duckdb.DuckDBPyConnection) -> dict:
    """What the agreement check compares with rekap's release (small: top levels only)."""
    return {
        "hasil_puncak": [list(r) for r in run(con, "floor_hasil_puncak").fetchall()],
        "penetapan": [list(r) for r in con.execute("select * from penetapan").fetchall()],
        "temuan": [list(r) for r in run(con, "floor_temuan").fetchall()],
        "tps_lolos": con.execute("select count_if(lolos) from cek_tps").fetchone()[0],
    }


def run_floor(pkg: Path, *, threads: int | None = None, memory_limit: str = "4GB") -> dict:
    """The whole floor recap in a fresh in-memory database; its figures and what agreement compares."""
    check_supported(pkg)
    with Span() as total:
        con = connect(threads=threads or os.cpu_count() or 1, memory_limit=memory_limit)
        steps = recap(con, pkg)
    try:
        return {"contender": "floor", "wall_s": total.wall_s, "cpu_s": total.cpu_s, "steps": steps} | outcome(con)
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, type=Path)
    p.add_argument("--json", required=True, type=Path)
    p.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: every core, as rekap)")
    p.add_argument("--memory-limit", default="4GB")
    args = p.parse_args(argv)
    write_child_result(args.json, run_floor(args.input, threads=args.threads, memory_limit=args.memory_limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
