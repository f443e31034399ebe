"""The release's data files (contract: OUT/latest/data/*.csv), written by DuckDB in a fixed order
so that the same inputs give the same bytes."""

from __future__ import annotations

from pathlib import Path

import duckdb

from rekap.sqlfiles import run_sql

DATA_FILES: tuple[str, ...] = ("hasil.csv", "administrasi.csv", "penetapan.csv", "pengecualian.csv",
                              "koreksi.csv")  # koreksi.csv: the audit trail of the corrections


def write_data_files(con: duckdb.DuckDBPyConnection, data_dir: Path) -> list[Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DATA_FILES:
        path = data_dir / name
        run_sql(con, f"export_{path.stem}", {"path": str(path)})
        written.append(path)
    return written
