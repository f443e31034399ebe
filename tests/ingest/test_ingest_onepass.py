"""The one-pass read of the big files (c_hasil.csv, suara_paslon.csv; rekap.ingest.tables.read_typed) must
decide exactly as the text road does (stage as text → check_cells.sql → cast): the same cells
accepted with the same values, and for a bad cell the same error — file, line, column, message.

The text road is the one every other file takes; here it is forced on the big files too by
clearing InputFile.typed, and both roads are run on the same hostile cells.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rekap.ingest.tables as ingest
from rekap.contract import COUNT
from rekap.db import connect
from rekap.errors import InputError
from test_ingest import load_error, with_cell, write_package


@pytest.fixture
def text_road(monkeypatch):
    """Make ingest read every file the text road (what it does for a big file with a bad cell)."""
    def use():
        monkeypatch.setattr(ingest, "INPUT_FILES",
                            tuple(dataclasses.replace(f, typed=None) for f in ingest.INPUT_FILES))
        monkeypatch.setattr(ingest, "_TYPED",
                            tuple((t, c, dataclasses.replace(s, typed=None)) for t, c, s in ingest._TYPED))
    return use


def _outcome(root):
    """(None, the typed tables' first rows) when the package loads, else (the error, None)."""
    try:
        with connect(":memory:") as con:
            ingest.load_package(con, root)
            form = con.execute("select * exclude (_rec) from c_hasil order by _rec limit 1").fetchone()
            vote = con.execute("select * exclude (_rec) from suara_paslon order by _rec limit 1").fetchone()
            return None, (form, vote)
    except InputError as err:
        return err, None


HOSTILE = [
    # (file, record, column, cell)
    ("c_hasil.csv", 2, "suara_sah", ""),
    ("c_hasil.csv", 2, "suara_sah", " 5"),
    ("c_hasil.csv", 2, "suara_sah", "+5"),
    ("c_hasil.csv", 2, "suara_sah", "-5"),
    ("c_hasil.csv", 2, "suara_sah", "1.000"),
    ("c_hasil.csv", 2, "suara_sah", "1_000"),
    ("c_hasil.csv", 2, "suara_sah", "1e3"),
    ("c_hasil.csv", 2, "suara_sah", "0x10"),
    ("c_hasil.csv", 2, "suara_sah", "５"),
    ("c_hasil.csv", 2, "suara_sah", "9" * 19),
    ("c_hasil.csv", 3, "dpt_l", "12\t"),
    ("c_hasil.csv", 4, "kode_tps", "647101100100"),
    ("c_hasil.csv", 4, "jenis", "PKWKP"),
    ("c_hasil.csv", 5, "suara_total", "NaN"),
    ("suara_paslon.csv", 3, "suara", "-0"),
    ("suara_paslon.csv", 3, "suara", "1,5"),
    ("suara_paslon.csv", 6, "nomor_urut", "0"),
    ("suara_paslon.csv", 6, "nomor_urut", "01"),
    ("suara_paslon.csv", 6, "nomor_urut", "1000"),
    ("suara_paslon.csv", 7, "kode_tps", "6471O11001001"),
    ("suara_paslon.csv", 8, "jenis", ""),
]


@pytest.mark.parametrize("name,record,column,cell", HOSTILE)
def test_a_bad_cell_is_named_as_the_text_road_names_it(tmp_path, text_road, name, record, column, cell):
    root = write_package(tmp_path / "pkg", with_cell(name, record, column, cell))
    one_pass = load_error(root)
    text_road()
    assert (one_pass.file, one_pass.line, one_pass.column, one_pass.problem) == \
        (lambda e: (e.file, e.line, e.column, e.problem))(load_error(root))
    assert (one_pass.file, one_pass.line, one_pass.column) == (name, record + 1, column)


@pytest.mark.parametrize("when,problem", [
    ("2024-02-30T10:00:00+08:00", "tidak ada di kalender"),  # well-formed, but no such day
    ("2024-11-28 25:00", "tidak ada di kalender"),
    ("28-11-2024", "harus waktu ISO 8601"),
])
def test_a_bad_submission_time_is_named_as_the_text_road_names_it(tmp_path, text_road, when, problem):
    from test_ingest import with_column
    times = ["2024-11-28T10:00:00+08:00"] * 6
    times[3] = when
    root = write_package(tmp_path / "pkg", with_column("c_hasil.csv", "diterima_pada", times))
    one_pass = load_error(root)
    text_road()
    by_text = load_error(root)
    assert (one_pass.file, one_pass.line, one_pass.column, one_pass.problem) == \
        (by_text.file, by_text.line, by_text.column, by_text.problem)
    assert (one_pass.line, one_pass.column) == (5, "diterima_pada") and problem in one_pass.problem


@pytest.mark.parametrize("cell,value", [("05", 5), ("0", 0), ("9" * 18, 10**18 - 1)])
def test_a_good_cell_keeps_its_value(tmp_path, cell, value):
    """Leading zeros are a count's format too (the pattern allows them): read as the number."""
    root = write_package(tmp_path / "pkg", {**with_cell("c_hasil.csv", 1, "dpt_l", cell)})
    error, (form, _) = _outcome(root)
    assert error is None
    assert form[3] == 1 and form[4] == value  # pengiriman, dpt_l


def test_a_bad_cell_in_a_later_record_of_both_big_files_names_the_first_file(tmp_path):
    """Files are checked in contract order: c_hasil.csv before suara_paslon.csv."""
    files = {**with_cell("c_hasil.csv", 6, "ss_rusak", "x"), **with_cell("suara_paslon.csv", 1, "suara", "x")}
    error = load_error(write_package(tmp_path / "pkg", files))
    assert (error.file, error.line, error.column) == ("c_hasil.csv", 7, "ss_rusak")


def test_resubmissions_are_numbered_in_file_order(tmp_path):
    """pengiriman: 1 for the first row of a TPS and contest, 2 for the next (set for the few repeats)."""
    from test_ingest import render, valid_tables
    header, rows = valid_tables()["c_hasil.csv"]
    rows.append(list(rows[2]))  # record 7 resubmits record 3
    vheader, votes = valid_tables()["suara_paslon.csv"]
    votes += [list(v) for v in votes if v[0] == rows[2][0] and v[1] == rows[2][1]]
    root = write_package(tmp_path / "pkg", {"c_hasil.csv": render((header, rows)),
                                             "suara_paslon.csv": render((vheader, votes))})
    with connect(":memory:") as con:
        ingest.load_package(con, root)
        forms = con.execute("select _rec, pengiriman from c_hasil order by _rec").fetchall()
        sent = con.execute("select pengiriman, count(*) from suara_paslon group by all order by all").fetchall()
        columns = [r[0] for r in con.execute("describe c_hasil").fetchall()]
    assert forms == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 2)]
    assert sent == [(1, 12), (2, 2)]
    assert "_sah" not in columns and "_waktu_sah" not in columns


_CELL = st.text(alphabet="0123456789 +-.,eE_x\t", min_size=0, max_size=20)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=_CELL)
def test_any_count_cell_is_accepted_exactly_when_it_matches_the_pattern(tmp_path_factory, cell):
    root = write_package(tmp_path_factory.mktemp("pkg"), with_cell("suara_paslon.csv", 2, "suara", cell))
    error, tables = _outcome(root)
    # DuckDB's reader reads a blank cell as null: a blank count is an error like any mismatch
    if re.fullmatch(COUNT, cell):
        assert error is None and tables[1] is not None
    else:
        assert error is not None and (error.file, error.line, error.column) == ("suara_paslon.csv", 3, "suara")
