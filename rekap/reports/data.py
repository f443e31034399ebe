"""The figures of every report, read set-based from the run database by `sql/reports/*.sql`.

One query per level returns the columns of all forms of that level at once (a national run has
~15k kecamatan forms); Python only groups the ordered rows into units, streaming them in batches so
that a national run never holds every column of every form in memory.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, Iterator

import duckdb

from rekap.sqlfiles import run_sql

# The form levels, each with the level of its columns.
TINGKAT_FORMULIR: dict[str, str] = {"kecamatan": "desa", "kabkota": "kecamatan", "provinsi": "kabkota"}

Row = dict[str, Any]
Key = tuple[str, str]  # (jenis, kode_kontes)


@dataclass
class Formulir:
    """One D.Hasil form: a unit of a level in one contest, its columns (children) and its total."""

    tingkat: str
    jenis: str
    kode_kontes: str
    jumlah: Row  # the unit's own row: JUMLAH AKHIR
    kolom: list[Row]  # one per child region, by code

    @property
    def kode(self) -> str:
        return self.jumlah["kode_wilayah"]

    @property
    def sementara(self) -> bool:
        return self.jumlah["status"] != "final"


@dataclass
class Kontes:
    """A contest with everything its reports need."""

    info: Row  # sql/reports/kontes.sql: region, decision, progress of the top unit
    paslon: list[Row] = field(default_factory=list)  # ballot columns with their top-unit votes
    temuan: list[Row] = field(default_factory=list)
    progres: list[Row] = field(default_factory=list)  # per kecamatan
    koreksi: list[Row] = field(default_factory=list)  # applied corrections (koreksi.csv), file order
    pleno: dict[tuple[str, str], Row] = field(default_factory=dict)  # (tingkat, kode_wilayah) → reports/pleno row
    formulir: dict[str, list[Formulir]] = field(default_factory=lambda: defaultdict(list))  # by `load`
    unit: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))  # JUMLAH AKHIR rows

    @property
    def key(self) -> Key:
        return self.info["jenis"], self.info["kode_kontes"]

    @property
    def sementara(self) -> bool:
        return self.info["status"] == "sementara"


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[Row]:
    cur = run_sql(con, name, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _by_contest(rows: list[Row]) -> dict[Key, list[Row]]:
    out: dict[Key, list[Row]] = defaultdict(list)
    for r in rows:
        out[r["jenis"], r["kode_kontes"]].append(r)
    return out


def _stream(con: duckdb.DuckDBPyConnection, name: str, params: dict, batch: int = 20_000) -> Iterator[Row]:
    cur = run_sql(con, name, params)
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(batch):
        for r in rows:
            yield dict(zip(names, r))


def forms(con: duckdb.DuckDBPyConnection, tingkat: str) -> Iterator[Formulir]:
    """Every form of one level, in (jenis, kode_kontes, kode) order, one at a time."""
    rows = _stream(con, "reports/formulir", {"tingkat": tingkat})
    for (jenis, kode_kontes, _), unit in groupby(rows, key=lambda r: (r["jenis"], r["kode_kontes"], r["kode_unit"])):
        kolom, jumlah = [], None
        for r in unit:
            if r["peran"] == "jumlah":
                jumlah = r
            else:
                kolom.append(r)
        if jumlah is not None:
            yield Formulir(tingkat, jenis, kode_kontes, jumlah, kolom)


@contextmanager
def reading(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The run database, read-only (the run is over: reports only read it)."""
    con = duckdb.connect(str(db_path), read_only=True, config={"preserve_insertion_order": True})
    try:
        run_sql(con, "reports/sesi")
        yield con
    finally:
        con.close()


def contests(con: duckdb.DuckDBPyConnection) -> dict[Key, Kontes]:
    """Every contest with its pairs, findings and progress; forms come separately (`forms`)."""
    out = {(r["jenis"], r["kode_kontes"]): Kontes(r) for r in _rows(con, "reports/kontes")}
    for name, attr in (("reports/paslon", "paslon"), ("reports/temuan", "temuan"),
                       ("reports/progres", "progres"), ("reports/koreksi", "koreksi")):
        for key, rows in _by_contest(_rows(con, name)).items():
            if key in out:
                setattr(out[key], attr, rows)
    for key, rows in _by_contest(_rows(con, "reports/pleno")).items():
        if key in out:
            out[key].pleno = {(r["tingkat"], r["kode_wilayah"]): r for r in rows}
    return out


def load(db_path: Path) -> list[Kontes]:
    """Every contest with all its forms in memory: for small runs and tests."""
    with reading(db_path) as con:
        out = contests(con)
        for tingkat in TINGKAT_FORMULIR:
            for form in forms(con, tingkat):
                if (form.jenis, form.kode_kontes) in out:
                    out[form.jenis, form.kode_kontes].formulir[tingkat].append(form)
                    out[form.jenis, form.kode_kontes].unit[tingkat].append(form.jumlah)
    return list(out.values())
