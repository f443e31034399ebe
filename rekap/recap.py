"""The recap itself: expected and counted forms, every level from TPS up, and the penetapan.

Each step is one SQL file run over all contests and units at once; the Prefect tasks in
`flows/` call these functions and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb

from rekap.domain import LEVEL_NAMES
from rekap.sqlfiles import run_sql

# What builds each level: the TPS rows are the forms as submitted (administrasi_tps, hasil_tps); the
# desa rows start the tables of the levels above (administrasi, hasil), and each level above is
# added to them from its children.
LEVEL_SQL: dict[str, tuple[str, str]] = {
    "tps": ("recap/administrasi_tps", "recap/hasil_tps"),
    "desa": ("recap/administrasi", "recap/hasil"),
    "kecamatan": ("recap/administrasi_naik", "recap/hasil_naik"),
    "kabkota": ("recap/administrasi_naik", "recap/hasil_naik"),
    "provinsi": ("recap/administrasi_naik", "recap/hasil_naik"),
}
assert tuple(LEVEL_SQL) == LEVEL_NAMES


def build_forms(con: duckdb.DuckDBPyConnection) -> None:
    """The expected forms (master list × contests), the form that counts per TPS with the
    plenary corrections of koreksi.csv applied (jejak_koreksi says which were and why not), and
    an empty findings table for the gates to fill."""
    run_sql(con, "forms/tps_kontes")
    run_sql(con, "forms/form")
    run_sql(con, "forms/suara_form")
    run_sql(con, "forms/jejak_koreksi")
    run_sql(con, "forms/koreksi_form")
    run_sql(con, "forms/koreksi_suara")
    run_sql(con, "gates/temuan")


def build_level(con: duckdb.DuckDBPyConnection, level: str) -> int:
    """The administrasi and hasil rows of one level; returns the number of its units."""
    if level not in LEVEL_SQL:
        raise ValueError(f"unknown level {level!r}")
    administrasi, hasil = LEVEL_SQL[level]
    params = {"tingkat": level} if level in ("kecamatan", "kabkota", "provinsi") else {}
    run_sql(con, administrasi, params)
    run_sql(con, hasil, params)
    if level == "tps":
        return run_sql(con, "_util/count_rows", {"table": "administrasi_tps"}).fetchone()[0]
    return run_sql(con, "recap/jumlah_unit", {"tingkat": level}).fetchone()[0]


def decide_penetapan(con: duckdb.DuckDBPyConnection) -> None:
    """The top unit of every contest, then the determination from it."""
    run_sql(con, "penetapan/puncak")
    run_sql(con, "penetapan/penetapan")


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
    cursor = run_sql(con, "release/ringkasan")
    names = [d[0] for d in cursor.description]
    return Summary(**dict(zip(names, cursor.fetchone())))
