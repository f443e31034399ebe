"""Ingest: the election package's CSVs into typed DuckDB tables, or an InputError naming the cell.

Order matters: header checks, then DuckDB's strict reader (structure, encoding), then every cell
against its format (check_cells.sql), then the cross-row checks, and only then any cast. Nothing
is cast that was not checked, so a malformed count can never turn into a plausible number.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from rekap.contract import C_HASIL, INPUT_FILES, KOREKSI, PASLON, SUARA_PASLON, TPS, InputFile
from rekap.csvfiles import explain_reader_error, locate_record, read_header
from rekap.errors import InputError
from rekap.reference import reference_dir
from rekap.sqlfiles import run_sql

# The typed tables, built once every file has passed, with the checks that guard each cast.
_TYPED = (("paslon", "check_paslon", PASLON), ("tps", "check_tps", TPS),
          ("c_hasil", "check_c_hasil", C_HASIL), ("suara_paslon", None, SUARA_PASLON),
          ("koreksi", "check_koreksi", KOREKSI))


@dataclass
class IngestReport:
    """What ingest read: row counts per table and warnings an operator should see."""

    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load_package(con: duckdb.DuckDBPyConnection, package: Path) -> IngestReport:
    """Read every contract file of `package` into DuckDB; raise InputError on unusable input."""
    if not package.is_dir():
        raise InputError(str(package), None, None, "folder paket pemilihan tidak ada")
    report = IngestReport()
    with tempfile.TemporaryDirectory(prefix="rekap-empty-") as scratch:
        for spec in INPUT_FILES:
            path = package / spec.name
            if not path.is_file():
                if spec.mandatory_file:
                    raise InputError(spec.name, None, None, f"berkas wajib tidak ada di {package}")
                path = _header_only(Path(scratch), spec)
            stage_file(con, path, spec, report)
    for name in ("paslon", "tps"):
        if report.rows[name] == 0:
            raise InputError(f"{name}.csv", 2, None, "tidak ada baris data setelah baris judul")
    for table, check, spec in _TYPED:
        if check:
            _raise_first_problem(con, check, package / spec.name)
        run_sql(con, table)
    ref = reference_dir()
    run_sql(con, "reference_wilayah", {"reference_path": str(ref / "wilayah.csv")})
    run_sql(con, "reference_penduduk", {"reference_path": str(ref / "penduduk.csv")})
    run_sql(con, "kontes")
    return report


def stage_file(con: duckdb.DuckDBPyConnection, path: Path, spec: InputFile, report: IngestReport) -> None:
    """Load one CSV as text into its staging table, then check every cell's format."""
    header = read_header(path)
    _check_header(path, spec, header, report)
    try:
        run_sql(con, spec.table, {"path": str(path), "columns": {name: "VARCHAR" for name in header}})
    except duckdb.Error as err:
        raise explain_reader_error(path, str(err), header) from None
    report.rows[spec.table.removeprefix("stg_")] = run_sql(con, "count_rows", {"table": spec.table}).fetchone()[0]
    _check_cells(con, path, spec)


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
        row = run_sql(con, "check_cells", {"table": spec.table, "columns": list(rule.columns),
                                           "pattern": rule.pattern, "allow_blank": rule.allow_blank}).fetchone()
        for column, rec in zip(rule.columns, row):
            if rec is not None and (worst is None or rec < worst[0]):
                worst = (rec, column, rule.expected)
    if worst is None:
        return
    rec, column, expected = worst
    value = run_sql(con, "cell_value", {"columns": [column], "table": spec.table, "rec": rec}).fetchone()[0]
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

