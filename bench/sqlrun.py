"""Run the bench's own SQL files (`bench/sql/<name>.sql`): one relation per file, values bound."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).resolve().parent / "sql"


@cache
def sql_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
    """Execute `bench/sql/<name>.sql` with named parameters; returns the connection's result."""
    return con.execute(sql_text(name), params or {})


def connect(**config: Any) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with `config` (threads, memory_limit) and no progress bar on stdout."""
    con = duckdb.connect(config=config)
    con.execute("set enable_progress_bar = false")
    return con
