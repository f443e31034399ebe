"""Ingest: the election package's CSVs into typed DuckDB tables, or an InputError naming the cell.

Order matters: header checks, then DuckDB's strict reader (structure, encoding), then every cell
against its format (check_cells.sql), then the cross-row checks, and only then any cast. Nothing
is cast that was not checked, so a malformed count can never turn into a plausible number.

The two big files (c_hasil.csv, suara_paslon.csv: millions of cells nationally) take a faster
road to the same place: one pass reads them straight into their typed tables with try_cast and
flags every row whose cells do not all have their format (the same patterns, in SQL). The typed
values are kept only when no row is flagged; otherwise the file is read again as text and
check_cells.sql names the first bad cell exactly as for the other files. So the promise holds:
no unchecked cell's value is ever used, and the error for a bad cell is the same either way.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from rekap.contract import C_HASIL, INPUT_FILES, KOREKSI, PASLON, SUARA_PASLON, TPS, InputFile
from rekap.errors import InputError
from rekap.ingest.csvfiles import explain_reader_error, locate_record, read_header
from rekap.ingest.snapshot import require_files
from rekap.pleno.inputs import load_pleno
from rekap.reference import reference_dir
from rekap.sqlfiles import run_sql

# The typed tables, built once every file has passed, with the checks that guard each cast. For a
# file read in one pass (InputFile.typed) the table exists already: its SQL here finishes it.
_TYPED = (("staging/paslon", "staging/check_paslon", PASLON), ("staging/tps", "staging/check_tps", TPS),
          ("staging/c_hasil_pengiriman", "staging/check_c_hasil", C_HASIL),
          ("staging/suara_paslon_pengiriman", None, SUARA_PASLON),
          ("staging/koreksi", "staging/check_koreksi", KOREKSI))
# For a file read in one pass: the flag query that says whether its cross-row check can fail (that
# check reads the text, so it runs only then, on the file read again as text).
_FLAGGED_CHECK = {"staging/check_c_hasil": "staging/waktu_tidak_sah"}


@dataclass
class IngestReport:
    """What ingest read: row counts per table and warnings an operator should see."""

    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load_package(con: duckdb.DuckDBPyConnection, package: Path) -> IngestReport:
    """Read every contract file of `package` into DuckDB; raise InputError on unusable input."""
    require_files(package)
    report = IngestReport()
    with tempfile.TemporaryDirectory(prefix="rekap-empty-") as scratch:
        for spec in INPUT_FILES:
            path = package / spec.name
            if not path.is_file():  # an optional file: read as header only
                path = _header_only(Path(scratch), spec)
            if spec.typed:
                read_typed(con, path, spec, report)
            else:
                stage_file(con, path, spec, report)
    for name in ("paslon", "tps"):
        if report.rows[name] == 0:
            raise InputError(f"{name}.csv", 2, None, "tidak ada baris data setelah baris judul")
    for table, check, spec in _TYPED:
        if check and spec.typed:
            if run_sql(con, _FLAGGED_CHECK[check]).fetchone()[0] is not None:
                _restage_and_raise(con, package / spec.name, spec, check)
        elif check:
            _raise_first_problem(con, check, package / spec.name)
        run_sql(con, table)
    ref = reference_dir()
    run_sql(con, "staging/reference_wilayah", {"reference_path": str(ref / "wilayah.csv")})
    run_sql(con, "staging/reference_penduduk", {"reference_path": str(ref / "penduduk.csv")})
    run_sql(con, "staging/kontes")
    load_pleno(con, package)  # the plenary files point at contests, TPS and corrections: checked last
    return report


def stage_file(con: duckdb.DuckDBPyConnection, path: Path, spec: InputFile, report: IngestReport) -> None:
    """Load one CSV as text into its staging table, then check every cell's format."""
    header = read_header(path)
    _check_header(path, spec, header, report)
    try:
        run_sql(con, spec.sql, {"path": str(path), "columns": {name: "VARCHAR" for name in header}})
    except duckdb.Error as err:
        raise explain_reader_error(path, str(err), header) from None
    report.rows[spec.table.removeprefix("stg_")] = run_sql(con, "_util/count_rows", {"table": spec.table}).fetchone()[0]
    _check_cells(con, path, spec)


def read_typed(con: duckdb.DuckDBPyConnection, path: Path, spec: InputFile, report: IngestReport) -> None:
    """Read one big CSV straight into its typed table, every cell checked in the same pass; a file
    with a bad cell is staged as text to name it (stage_file raises: the run ends, nothing is used)."""
    header = read_header(path)
    _check_header(path, spec, header, report)
    params: dict = {"path": str(path), "columns": {name: "VARCHAR" for name in header}}
    for rule in spec.rules:
        params[f"pola_{rule.param}"] = rule.pattern
        params[f"kosong_{rule.param}"] = rule.allow_blank
    try:
        run_sql(con, spec.typed, params)
    except duckdb.Error as err:
        raise explain_reader_error(path, str(err), header) from None
    if run_sql(con, "staging/baris_tidak_sah", {"table": spec.typed_table}).fetchone()[0] is not None:
        _restage_and_raise(con, path, spec, None)
    report.rows[spec.table.removeprefix("stg_")] = run_sql(con, "_util/count_rows", {"table": spec.typed_table}).fetchone()[0]


def _restage_and_raise(con: duckdb.DuckDBPyConnection, path: Path, spec: InputFile, check: str | None) -> None:
    """A file read in one pass was flagged: read it as text, the ordinary way, which names the
    problem (file, line, column) by raising InputError."""
    stage_file(con, path, spec, IngestReport())
    if check:
        _raise_first_problem(con, check, path)
    raise RuntimeError(f"{path.name}: pembacaan satu langkah menandai baris yang lolos pemeriksaan teks")


def _check_header(path: Path, spec: InputFile, header: list[str], report: IngestReport) -> None:
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(path.name, 1, name, "nama kolom muncul lebih dari sekali")
        seen.add(name)
    for name in spec.required:
        if name not in seen:
            near = [h for h in header if h.strip().lower() == name]
            hint = f" (ada '{near[0]}': hapus spasi/huruf besar)" if near else ""
            raise InputError(path.name, 1, name, f"kolom wajib tidak ada{hint}")
    extra = [h for h in header if h not in spec.required and h not in spec.optional]
    if extra:
        report.warnings.append(f"{path.name}: kolom tambahan diabaikan: {', '.join(extra)}")


def _check_cells(con: duckdb.DuckDBPyConnection, path: Path, spec: InputFile) -> None:
    """Raise on the first cell, in file order, that does not have its column's format."""
    worst: tuple[int, str, str] | None = None
    for rule in spec.rules:
        row = run_sql(con, "staging/check_cells", {"table": spec.table, "columns": list(rule.columns),
                                           "pattern": rule.pattern, "allow_blank": rule.allow_blank}).fetchone()
        for column, rec in zip(rule.columns, row):
            if rec is not None and (worst is None or rec < worst[0]):
                worst = (rec, column, rule.expected)
    if worst is None:
        return
    rec, column, expected = worst
    value = run_sql(con, "staging/cell_value", {"columns": [column], "table": spec.table, "rec": rec}).fetchone()[0]
    raise InputError(path.name, locate_record(path, rec), column, _describe(value, expected))


def _describe(value: str | None, expected: str) -> str:
    if value is None:
        return f"sel kosong; harus {expected}"
    shown = value if len(value) <= 40 else value[:37] + "..."
    if value.strip() != value:
        why = "ada spasi di awal/akhir"
    elif value.startswith("-") and value[1:].isdigit():
        why = "bilangan negatif"
    elif value.isdigit():
        why = "terlalu panjang/besar"
    elif any(ch in value for ch in ".,") and value.replace(".", "").replace(",", "").isdigit():
        why = "ada pemisah ribuan atau desimal; tulis bilangan bulat tanpa titik/koma"
    elif any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        why = "ada karakter kendali (mis. NUL atau baris baru)"
    else:
        why = "format tidak dikenali"
    return f"nilai {shown!r} tidak dapat dipakai ({why}); harus {expected}"


def _raise_first_problem(con: duckdb.DuckDBPyConnection, check: str, path: Path) -> None:
    row = run_sql(con, check).fetchone()
    if row:
        rec, column, problem = row
        raise InputError(path.name, locate_record(path, rec), column, problem)


def _header_only(scratch: Path, spec: InputFile) -> Path:
    """An optional file the package leaves out reads as an empty one with its header."""
    path = scratch / spec.name
    path.write_text(",".join(spec.required) + "\n", encoding="utf-8")
    return path

