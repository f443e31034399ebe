"""Quality gates: Great Expectations suites (expectations/*.json) over DuckDB check tables.

For each stage: build the check table (sql/cek_*.sql) → validate it with its suite on a pandas
DataFrame read from DuckDB → every failing row becomes a finding in `temuan` (rule, severity,
explanation with the numbers) → the stage's units with error findings are held (promote_*.sql).
A gate never deletes or changes a count: it names and holds.

Great Expectations is imported here only, lazily: it costs seconds to import.
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from rekap.findings import KEPARAHAN, explain
from rekap.paths import resource_dir
from rekap.sqlfiles import run_sql

log = logging.getLogger(__name__)

# How many example rows of each failed expectation the saved validation result keeps.
_EXAMPLES = 20


@dataclass(frozen=True)
class Gate:
    suite: str  # expectations/<suite>.json
    table: str  # the check table sql/<table>.sql builds
    tingkat: str | None  # level of the findings; None: the contest's top level (column `tingkat`)


GATES: dict[str, tuple[Gate, ...]] = {
    "tps": (Gate("tps", "cek_tps", "tps"), Gate("koreksi", "cek_koreksi", "tps")),
    **{level: (Gate(f"agregat_{level}", f"cek_{level}", level),
               Gate(f"agregat_suara_{level}", f"cek_suara_{level}", level))
       for level in ("desa", "kecamatan", "kabkota", "provinsi")},
    "penetapan": (Gate("penetapan", "cek_penetapan", None),),
}
# Stages whose units can be held by their own findings (the TPS gate runs before TPS are built).
_PROMOTE = {"desa", "kecamatan", "kabkota", "provinsi", "penetapan"}


@dataclass
class GateReport:
    stage: str
    errors: int = 0
    warnings: int = 0
    rows_checked: int = 0
    expectations: int = 0
    failed_rules: dict[str, int] = field(default_factory=dict)


class Validator:
    """One ephemeral GX context for a run: the suites of expectations/ and a pandas datasource."""

    def __init__(self) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import (DataContextConfig, InMemoryStoreBackendDefaults,
                                                                 ProgressBarsConfig)

        self._gx = gx
        # in memory only: no data-docs site (its pages pull CDN assets), no analytics, no progress bars
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        )
        self._context = gx.get_context(project_config=config, mode="ephemeral")
        self._source = self._context.data_sources.add_pandas("rekap")
        self._suites: dict[str, Any] = {}
        self._batches: dict[str, Any] = {}

    def suite(self, name: str):
        if name not in self._suites:
            spec = json.loads((resource_dir("expectations") / f"{name}.json").read_text(encoding="utf-8"))
            self._suites[name] = self._context.suites.add(self._gx.ExpectationSuite(**spec))
        return self._suites[name]

    def columns(self, suite_name: str) -> list[str]:
        """The columns a suite's expectations read: the only ones handed to GX."""
        names = set()
        for expectation in self.suite(suite_name).expectations:
            config = expectation.configuration
            names.update(v for k, v in config.kwargs.items() if k in ("column", "column_A", "column_B"))
        return sorted(names)

    def validate(self, suite_name: str, table: str, frame: pd.DataFrame):
        if table not in self._batches:
            asset = self._source.add_dataframe_asset(table)
            self._batches[table] = asset.add_batch_definition_whole_dataframe("semua")
        batch = self._batches[table].get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(self.suite(suite_name), result_format={
            "result_format": "COMPLETE",
            "unexpected_index_column_names": ["_baris"],
            "return_unexpected_index_query": False,
        })


def run_gates(con: duckdb.DuckDBPyConnection, stage: str, validator: Validator, results_dir: Path) -> GateReport:
    """Run every gate of `stage`, record its findings in `temuan`, hold what broke an error rule."""
    report = GateReport(stage)
    results_dir.mkdir(parents=True, exist_ok=True)
    for gate in GATES[stage]:
        run_sql(con, gate.table)
        frame = run_sql(con, "cek_kolom", {"table": gate.table, "columns": validator.columns(gate.suite)}).df()
        result = validator.validate(gate.suite, gate.table, frame)
        failed = [(r, _failing_rows(con, r, gate)) for r in result.results if not r.success]
        findings = _findings(failed, gate)
        if len(findings):
            con.register("temuan_baru", findings)
            try:
                run_sql(con, "temuan_tambah")
            finally:
                con.unregister("temuan_baru")
            counts = findings.groupby(["aturan", "keparahan"]).size()
            for (aturan, keparahan), n in counts.items():
                report.failed_rules[aturan] = report.failed_rules.get(aturan, 0) + int(n)
                if keparahan == "error":
                    report.errors += int(n)
                else:
                    report.warnings += int(n)
        report.rows_checked += len(frame)
        report.expectations += len(result.results)
        _save_result(result, failed, gate, results_dir / f"{gate.suite}.json")
    if stage in _PROMOTE:
        run_sql(con, f"promote_{stage}")
    return report


_FINDING_COLUMNS = ["jenis", "kode_kontes", "tingkat", "kode_wilayah", "kode_tps", "aturan", "keparahan", "keterangan"]


def _failing_rows(con: duckdb.DuckDBPyConnection, r, gate: Gate) -> pd.DataFrame:
    """The whole rows (every column of the check table) that broke one expectation, in key order."""
    rows = sorted(int(item["_baris"]) for item in r.result.get("unexpected_index_list") or [])
    frame = run_sql(con, "cek_baris", {"table": gate.table, "baris": rows}).df()
    key = [c for c in ("jenis", "kode_kontes", "kode_tps", "kode_wilayah", "nomor_urut") if c in frame.columns]
    return frame.sort_values(key, kind="stable").reset_index(drop=True)


def _severity(config) -> str:
    return KEPARAHAN.get(str(getattr(config.severity, "value", config.severity)), "error")


def _findings(failed: list, gate: Gate) -> pd.DataFrame:
    parts = []
    for r, failing in failed:
        if failing.empty:
            continue
        config = r.expectation_config
        meta = config.meta or {}
        template = meta.get("keterangan", config.type)
        parts.append(pd.DataFrame({
            "jenis": failing["jenis"].to_numpy(),
            "kode_kontes": failing["kode_kontes"].to_numpy(),
            "tingkat": gate.tingkat if gate.tingkat else failing["tingkat"].to_numpy(),
            "kode_wilayah": (failing["kode_tps"] if gate.tingkat == "tps" else failing["kode_wilayah"]).to_numpy(),
            "kode_tps": failing["kode_tps"].to_numpy() if gate.tingkat == "tps" else None,
            "aturan": meta.get("aturan", config.type),
            "keparahan": _severity(config),
            "keterangan": [explain(template, row) for row in failing.to_dict("records")],
        }))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in _FINDING_COLUMNS})
    return pd.concat(parts, ignore_index=True)[_FINDING_COLUMNS]


def _save_result(result, failed: list, gate: Gate, path: Path) -> None:
    """The GX validation result without its run-specific ids and times, so the same data gives the
    same bytes; the failing rows of each expectation are summarised by count and the first keys."""
    examples = {id(r): _examples(failing, gate) for r, failing in failed}
    summary = {
        "suite": gate.suite,
        "tabel": gate.table,
        "success": bool(result.success),
        "statistics": {k: (float(v) if isinstance(v, float) else v) for k, v in result.statistics.items()},
        "results": [],
    }
    for r in result.results:
        config = r.expectation_config
        res = r.result or {}
        summary["results"].append({
            "type": config.type,
            "kwargs": {k: v for k, v in config.kwargs.items() if k != "batch_id"},
            "meta": config.meta,
            "severity": str(getattr(config.severity, "value", config.severity)),
            "success": bool(r.success),
            "element_count": res.get("element_count"),
            "unexpected_count": res.get("unexpected_count"),
            "contoh": examples.get(id(r), []),
        })
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n",
                    encoding="utf-8")


def _examples(failing: pd.DataFrame, gate: Gate) -> list[str]:
    unit = "kode_tps" if gate.tingkat == "tps" else "kode_wilayah"
    key = failing[["jenis", "kode_kontes", unit]].astype(str).agg("/".join, axis=1)
    if "nomor_urut" in failing.columns:
        key = key + ":" + failing["nomor_urut"].astype(str)
    return key.head(_EXAMPLES).tolist()


def preload_in_background() -> threading.Thread:
    """Start importing Great Expectations while DuckDB ingests (importing takes seconds of pure
    Python; DuckDB's work runs outside the GIL). The gate's own import then finds it done."""
    thread = threading.Thread(target=importlib.import_module, args=("great_expectations",),
                              name="gx-preload", daemon=True)
    thread.start()
    return thread
