"""The shape of the code: no import cycles in rekap/, no lower layer importing a higher one, and a
report catalogue whose every entry has a template that exists and parses."""

from __future__ import annotations

import ast
from pathlib import Path

import jinja2
import jinja2.meta
import pytest

from rekap.paths import resource_dir
from rekap.reports.catalogue import CATALOGUE, CONTEST_DOCUMENTS, FORMS
from rekap.reports.env import environment

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "rekap"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "_res" not in p.parts}


def _imports(name: str, path: Path) -> set[str]:
    """The rekap modules `name` imports anywhere in its body (a lazy import is still an import)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def _package_edges(graph: dict[str, set[str]]) -> None:
    """A package's __init__ re-exporting its own modules is no cycle: drop parent → child edges."""
    for name, targets in graph.items():
        targets -= {t for t in targets if t.startswith(name + ".")}
        targets -= {t for t in targets if name.startswith(t + ".")}


_package_edges(GRAPH)


def test_the_import_graph_is_read():
    assert "rekap.published.releases" in GRAPH["rekap.explain.build"]
    assert "rekap.reports.catalogue" in GRAPH["rekap.portal.views"]


def test_rekap_has_no_import_cycle():
    assert _cycles() == []


@pytest.mark.parametrize("lower, higher", [
    ("rekap.published", "rekap.portal"), ("rekap.published", "rekap.explain"),
    ("rekap.published", "rekap.reports"), ("rekap.explain", "rekap.portal"),
    ("rekap.reports", "rekap.portal"), ("rekap.reports", "rekap.explain"),
])
def test_no_lower_layer_imports_a_higher_one(lower, higher):
    wrong = {(m, t) for m, targets in GRAPH.items() if m == lower or m.startswith(lower + ".")
             for t in targets if t == higher or t.startswith(higher + ".")}
    assert wrong == set()


def test_the_portal_reads_releases_through_the_shared_reader():
    assert not (PACKAGE / "portal" / "releases.py").exists()
    assert not (PACKAGE / "explain.py").exists()


# --- the report catalogue ------------------------------------------------------------------------

TEMPLATES = resource_dir("templates") / "reports"


@pytest.mark.parametrize("entry", [e for e in CATALOGUE if e.template], ids=lambda e: e.name)
def test_every_catalogue_template_exists_and_parses(entry):
    path = TEMPLATES / entry.template
    assert path.is_file(), f"{entry.name}: {path} missing"
    env = environment()  # the reports' own: its filters and globals
    assert env.get_template(entry.template).name == entry.template  # parses and compiles
    # and so does everything it extends or includes
    for name in jinja2.meta.find_referenced_templates(env.parse(path.read_text(encoding="utf-8"))):
        env.get_template(name)


def test_every_report_template_belongs_to_an_entry_or_is_a_partial():
    used = {e.template for e in CATALOGUE if e.template}
    pages = {p.name for p in TEMPLATES.glob("*.j2") if not p.name.startswith("_")}
    assert pages == used


def test_catalogue_paths_are_distinct_and_each_entry_is_complete():
    paths = {e.path("pkwkk", "6471", "647101") for e in CATALOGUE}
    assert len(paths) == len(CATALOGUE)
    for e in CATALOGUE:
        assert e.label and e.formats and e.per in ("formulir", "kontes")
        assert (e.template is None) == (e.context is None) == (e.weight is None) == (e.formats == ("xlsx",))
    assert set(FORMS) == {"kecamatan", "kabkota", "provinsi"}
    assert FORMS["kecamatan"].path("pkwkk", "6471", "647101") == "laporan/pkwkk-6471/kecamatan-647101"
    assert [e.path("pkwkk", "6471") for e in CONTEST_DOCUMENTS] == [
        "laporan/pkwkk-6471", "laporan/pkwkk-6471/penetapan", "laporan/pkwkk-6471/pengecualian"]
