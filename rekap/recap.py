"""The recap itself: expected and counted forms, every level from TPS up, and the penetapan.

Each step is one SQL file run over all contests and units at once; the Prefect tasks in
`flows/` call these functions and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb

from rekap.sqlfiles import run_sql

# Bottom-up: each level is built from the one before it.
LEVELS: tuple[str, ...] = ("tps", "desa", "kecamatan", "kabkota", "provinsi")


def build_forms(con: duckdb.DuckDBPyConnection) -> None:
    """The expected forms (master list × contests), the form that counts per TPS with the
    plenary corrections of koreksi.csv applied (jejak_koreksi says which were and why not), and
    an empty findings table for the gates to fill."""
    run_sql(con, "tps_kontes")
    run_sql(con, "form")
    run_sql(con, "suara_form")
    run_sql(con, "jejak_koreksi")
    run_sql(con, "koreksi_form")
    run_sql(con, "koreksi_suara")
    run_sql(con, "temuan")


def build_level(con: duckdb.DuckDBPyConnection, level: str) -> int:
    """administrasi_<level> and hasil_<level>; returns the number of units at that level."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    run_sql(con, f"administrasi_{level}")
    run_sql(con, f"hasil_{level}")
    return run_sql(con, "count_rows", {"table": f"administrasi_{level}"}).fetchone()[0]


def decide_penetapan(con: duckdb.DuckDBPyConnection) -> None:
    """The top unit of every contest, then the determination from it."""
    run_sql(con, "puncak")
    run_sql(con, "penetapan")


@dataclass(frozen=True)
class Summary:
    """How far the recap got; `exit_code` is the contract's 0 (all final) or 3 (provisional)."""

    kontes: int
    kontes_ditetapkan: int
    tps_daftar: int
    formulir_diharapkan: int
    formulir_masuk: int
    formulir_lolos: int
    formulir_ditahan: int
    temuan_error: int
    temuan_warn: int
    unit_tps_sementara: int

    @property
    def final(self) -> bool:
        return self.unit_tps_sementara == 0 and self.temuan_error == 0 and self.kontes_ditetapkan == self.kontes

    @property
    def exit_code(self) -> int:
        return 0 if self.final else 3

    def as_dict(self) -> dict:
        return asdict(self) | {"status": "final" if self.final else "sementara"}


def summarize(con: duckdb.DuckDBPyConnection) -> Summary:
    cursor = run_sql(con, "ringkasan")
    names = [d[0] for d in cursor.description]
    return Summary(**dict(zip(names, cursor.fetchone())))
