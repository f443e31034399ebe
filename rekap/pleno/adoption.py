"""The plenary stage, once every level is built and gated: which units stand adopted, which are
reopened, where each stands against the timetable, and where each contest is on the way to its
penetapan pasangan calon terpilih. What the process does not allow (an incomplete unit adopted, a
unit adopted twice, a correction after a plenary without its legal basis, adopted figures that
changed) ends the run as unusable input naming file, line and column: nothing is published."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

from rekap.ingest.csvfiles import locate_record
from rekap.errors import InputError
from rekap.sqlfiles import run_sql

# Days after the MK window closed (or the ruling was read) by which the plenary sets the winner:
# PKPU 18/2024 Pasal 57(1) says 3; PKPU 2/2024's annex as reported says 5 (pleno.md §7).
HARI_PENETAPAN_TERPILIH = 3


def decide_pleno(con: duckdb.DuckDBPyConnection, package: Path, releases_dir: Path,
                 sekarang: datetime | None = None) -> dict:
    """Build adopsi, pleno_status and calon_terpilih; raise InputError on what the process refuses.
    Returns counts of units per status."""
    _load_adopted_releases(con, package, releases_dir)
    run_sql(con, "pleno/adopsi")
    row = run_sql(con, "pleno/check_adopsi").fetchone()
    if row:
        berkas, rec, column, problem = row
        raise InputError(berkas, locate_record(package / berkas, rec), column, problem)
    now = _utc(sekarang) if sekarang else run_sql(con, "pleno/sekarang").fetchone()[0]
    run_sql(con, "pleno/status_unit", {"sekarang": now})
    run_sql(con, "pleno/calon_terpilih", {"sekarang": now, "hari_penetapan": HARI_PENETAPAN_TERPILIH})
    return dict(run_sql(con, "pleno/jumlah_status").fetchall())


def _load_adopted_releases(con: duckdb.DuckDBPyConnection, package: Path, releases_dir: Path) -> None:
    """The data of every release pleno.csv names; a release that is not in OUT/releases is refused."""
    named = run_sql(con, "pleno/rilis_disebut").fetchall()
    if not named:
        run_sql(con, "pleno/rilis_kosong")
        return
    for rilis, rec in named:
        if not (releases_dir / rilis / "data" / "hasil.csv").is_file():
            raise InputError("pleno.csv", locate_record(package / "pleno.csv", rec), "rilis",
                             f"rilis {rilis} tidak ada di {releases_dir}: rapat pleno menetapkan angka sebuah rilis "
                             "yang sudah diterbitkan")
    run_sql(con, "pleno/rilis_hasil", {"hasil": [str(releases_dir / r / "data" / "hasil.csv") for r, _ in named]})
    run_sql(con, "pleno/rilis_koreksi", {"koreksi": [str(releases_dir / r / "data" / "koreksi.csv") for r, _ in named]})


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("sekarang harus menyebut zona waktunya")
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
