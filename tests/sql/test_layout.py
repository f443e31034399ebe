"""The tree says what runs what: every SQL file, suite and template is named by a literal reference
in the code, and every reference has its file. Names are never built at run time, so grep finds
who runs `sql/recap/hasil_desa.sql`."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from rekap.paths import resource_dir
from rekap.release import READ_ONLY_SQL, RELEASE_SQL

ROOT = Path(__file__).resolve().parents[2]
CODE = [p for folder in ("rekap", "flows") for p in (ROOT / folder).rglob("*.py")]
SQL = resource_dir("sql")
SQL_FOLDERS = sorted(p.name for p in SQL.iterdir() if p.is_dir())
SQL_REF = re.compile(rf"(?:{'|'.join(map(re.escape, SQL_FOLDERS))})/[a-z0-9_]+")


def _constants() -> dict[str, list[str]]:
    """Every string constant of the product's Python, with where it stands."""
    found: dict[str, list[str]] = {}
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.setdefault(node.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


CONSTANTS = _constants()


def test_every_sql_folder_is_release_logic_or_read_only():
    assert not set(RELEASE_SQL) & set(READ_ONLY_SQL)
    assert sorted(RELEASE_SQL + READ_ONLY_SQL) == SQL_FOLDERS
    assert not list(SQL.glob("*.sql")), "every SQL file sits in the folder of its stage"


def test_every_sql_reference_has_its_file():
    missing = {ref: where for ref, where in CONSTANTS.items()
               if SQL_REF.fullmatch(ref) and not (SQL / f"{ref}.sql").is_file()}
    assert not missing


def test_every_sql_file_is_referenced_by_a_literal_name():
    files = {p.relative_to(SQL).with_suffix("").as_posix() for p in SQL.rglob("*.sql")}
    assert sorted(files - set(CONSTANTS)) == []


def test_every_suite_is_run_by_a_gate_and_parses():
    from rekap.gates import GATES

    suites = {p.stem for p in resource_dir("expectations").glob("*.json")}
    used = {gate.suite for gates in GATES.values() for gate in gates}
    assert used <= suites and suites <= used
    for name in suites:
        spec = json.loads((resource_dir("expectations") / f"{name}.json").read_text(encoding="utf-8"))
        assert spec["expectations"], name


@pytest.mark.parametrize("path", sorted(SQL.rglob("*.sql")), ids=lambda p: p.relative_to(SQL).as_posix())
def test_every_sql_file_states_what_it_is_on_its_first_line(path):
    assert path.read_text(encoding="utf-8").startswith("--"), "line 1: the relation and its grain"


# --- layers -------------------------------------------------------------------------------------------

# The CLI is the one layer of rekap/ above flows/: its handlers start flows (lazily, inside the
# handler). Everything else in rekap/ is plain code the flows call and never imports Prefect.
CLI_LAYER = {"rekap/cli.py", "rekap/orchestration/commands.py"}


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_nothing_in_rekap_imports_flows_or_prefect_but_the_cli():
    offenders = {}
    for path in sorted((ROOT / "rekap").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        bad = sorted({m for m in _imports(path) if m.split(".")[0] in {"flows", "prefect", "prefect_dask"}})
        if bad and rel not in CLI_LAYER:
            offenders[rel] = bad
    assert offenders == {}
