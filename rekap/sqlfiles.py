"""Run the SQL files of `sql/`: every statement lives in a file, every value is a bound parameter."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb

from rekap.paths import resource_dir


@cache
def sql_text(name: str) -> str:
    return (resource_dir("sql") / f"{name}.sql").read_text(encoding="utf-8")


def relation(name: str) -> str:
    """The relation a SQL file creates is named after the file: `recap/hasil_desa` → `hasil_desa`."""
    return name.rsplit("/", 1)[-1]


def run_sql(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
    """Execute `sql/<name>.sql` with named parameters and return the connection's result."""
    return con.execute(sql_text(name), params or {})
