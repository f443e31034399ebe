"""The release's data files (contract: OUT/latest/data/*.csv), written by DuckDB in a fixed order
so that the same inputs give the same bytes."""

from __future__ import annotations

from pathlib import Path

import duckdb

from rekap.sqlfiles import run_sql

# each data file and the SQL that writes it; koreksi.csv is the audit trail of the corrections
DATA_FILES: tuple[tuple[str, str], ...] = (
    ("hasil.csv", "release/export_hasil"),
    ("administrasi.csv", "release/export_administrasi"),
    ("penetapan.csv", "release/export_penetapan"),
    ("pengecualian.csv", "release/export_pengecualian"),
    ("koreksi.csv", "release/export_koreksi"),
    # the plenary: each unit's status and adoption, the objections, each contest's way to its winner
    ("pleno.csv", "release/export_pleno"),
    ("keberatan.csv", "release/export_keberatan"),
    ("calon_terpilih.csv", "release/export_calon_terpilih"),
)


def write_data_files(con: duckdb.DuckDBPyConnection, data_dir: Path) -> list[Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sql in DATA_FILES:
        path = data_dir / name
        run_sql(con, sql, {"path": str(path)})
        written.append(path)
    return written
