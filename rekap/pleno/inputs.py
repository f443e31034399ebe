"""The plenary files of a package, after their cells passed their formats: the cross-row checks
(each names file, line and column), then the typed tables the recap and the reports read.

Order matters: the timetable and zones first (the plenary checks compare with voting day in the
unit's own zone), then pleno.csv (every other file points into it), then its attendances,
objections and disputes."""

from __future__ import annotations

from pathlib import Path

import duckdb

from rekap.contract import HARI_LIBUR, JADWAL, KEBERATAN, PLENO, PLENO_HADIR, SENGKETA
from rekap.ingest.csvfiles import locate_record
from rekap.domain import zone_of
from rekap.errors import InputError
from rekap.reference import reference_dir
from rekap.sqlfiles import run_sql

# (the check naming the first bad row, the file it names, the typed table built once it passes)
_STEPS = (
    ("pleno/check_jadwal", JADWAL, "pleno/jadwal"),
    ("pleno/check_hari_libur", HARI_LIBUR, "pleno/hari_libur"),
    ("pleno/check_pleno", PLENO, "pleno/pleno"),
    ("pleno/check_pleno_hadir", PLENO_HADIR, "pleno/pleno_hadir"),
    ("pleno/check_keberatan", KEBERATAN, "pleno/keberatan"),
    ("pleno/check_sengketa", SENGKETA, "pleno/sengketa"),
)


def load_pleno(con: duckdb.DuckDBPyConnection, package: Path) -> None:
    """Check and type the plenary files of `package` (staged as text by ingest); InputError on the
    first row that cannot be what its file says."""
    codes = [f"{i:02d}" for i in range(100)]
    zones = [zone_of(code) for code in codes]
    run_sql(con, "pleno/zona_wilayah", {"kode": codes, "zona": [z for z, _ in zones], "offset": [h for _, h in zones]})
    reference = reference_dir()
    shipped = {"pleno/jadwal": reference / "jadwal.csv", "pleno/hari_libur": reference / "hari_libur.csv"}
    for check, spec, table in _STEPS:
        row = run_sql(con, check).fetchone()
        if row:
            rec, column, problem = row
            raise InputError(spec.name, locate_record(package / spec.name, rec), column, problem)
        params = {"reference_path": str(shipped[table])} if table in shipped else {}
        run_sql(con, table, params)
