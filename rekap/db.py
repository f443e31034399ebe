"""DuckDB connections of a run: one file per run, opened by the task that needs it."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from rekap.domain import LEVELS
from rekap.sqlfiles import run_sql


def level_table() -> dict[str, list]:
    """rekap.domain.LEVELS as the columns of table `tingkat` (sql/_macros/tingkat.sql)."""
    return {"tingkat": [lv.name for lv in LEVELS], "urutan": [lv.rank for lv in LEVELS],
            "panjang": [lv.code_length for lv in LEVELS], "anak": [lv.child for lv in LEVELS]}


@contextmanager
def connect(path: Path | str, *, threads: int = 2, memory_limit: str = "4GB") -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the run's database with the project's macros and settings; close it however we leave."""
    con = duckdb.connect(str(path), config={
        "threads": threads,
        "memory_limit": memory_limit,
        # order of rows is part of the output's bytes: keep insertion order everywhere
        "preserve_insertion_order": True,
    })
    try:
        run_sql(con, "_macros/tingkat", level_table())  # the macros read it
        run_sql(con, "_macros/macros")
        yield con
    finally:
        con.close()
