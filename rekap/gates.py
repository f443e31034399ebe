"""Quality gates: Great Expectations suites (expectations/*.json) over DuckDB check tables.

For each stage: build the check table (sql/gates/cek_*.sql) → validate it with its suite on a pandas
DataFrame read from DuckDB → every failing row becomes a finding in `temuan` (rule, severity,
explanation with the numbers) → the stage's units with error findings are held (sql/gates/tahan*.sql).
A gate never deletes or changes a count: it names and holds.

Great Expectations is imported here only, lazily: it costs seconds to import.
"""

from __future__ import annotations

import importlib
import json
import logging
import string
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from rekap.domain import LEVEL
from rekap.findings import KEPARAHAN, explain
from rekap.paths import resource_dir
from rekap.sqlfiles import relation, run_sql

log = logging.getLogger(__name__)

# How many example rows of each failed expectation the saved validation result keeps.
_EXAMPLES = 20


@dataclass(frozen=True)
class Gate:
    """One suite run over one check table. The aggregate suites are one file each for every level
    (expectations/agregat.json, agregat_suara.json), filled with the level's words when loaded."""

    suite: str  # expectations/<suite>.json
    sql: str  # the SQL file that builds the check table (named after the file)
    tingkat: str | None  # level of the findings; None: the contest's top level (column `tingkat`)
    per_level: bool = False  # the suite and the SQL take the level ($tingkat, ${tingkat} / ${anak})
    label: str | None = None  # the check's name in the saved result (`tabel`); default: its table

    @property
    def table(self) -> str:
        return relation(self.sql)

    @property
    def name(self) -> str:
        """The suite's name in the results (validasi/<name>.json): `agregat_kecamatan`."""
        return f"{self.suite}_{self.tingkat}" if self.per_level else self.suite

    @property
    def params(self) -> dict:
        return {"tingkat": self.tingkat} if self.per_level else {}


GATES: dict[str, tuple[Gate, ...]] = {
    "tps": (Gate("tps", "gates/cek_tps", "tps"), Gate("koreksi", "gates/cek_koreksi", "tps")),
    # desa: its children are the TPS that passed, not units of a level (its own check tables)
    "desa": (Gate("agregat", "gates/cek_desa", "desa", per_level=True),
             Gate("agregat_suara", "gates/cek_suara_desa", "desa", per_level=True)),
    # one check table for the levels above: the results keep naming each level's check
    "kecamatan": (Gate("agregat", "gates/cek_agregat", "kecamatan", True, "cek_kecamatan"),
                  Gate("agregat_suara", "gates/cek_agregat_suara", "kecamatan", True, "cek_suara_kecamatan")),
    "kabkota": (Gate("agregat", "gates/cek_agregat", "kabkota", True, "cek_kabkota"),
                Gate("agregat_suara", "gates/cek_agregat_suara", "kabkota", True, "cek_suara_kabkota")),
    "provinsi": (Gate("agregat", "gates/cek_agregat", "provinsi", True, "cek_provinsi"),
                 Gate("agregat_suara", "gates/cek_agregat_suara", "provinsi", True, "cek_suara_provinsi")),
    "penetapan": (Gate("penetapan", "gates/cek_penetapan", None),),
}
# Stages whose units can be held by their own findings (the TPS gate runs before TPS are built),
# and how: the units of a level, or the contest's determination.
_HOLD = {**{level: ("gates/tahan", {"tingkat": level}) for level in ("desa", "kecamatan", "kabkota", "provinsi")},
         "penetapan": ("gates/tahan_penetapan", {})}


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

    def suite(self, gate: Gate):
        if gate.name not in self._suites:
            self._suites[gate.name] = self._context.suites.add(self._gx.ExpectationSuite(**suite_spec(gate)))
        return self._suites[gate.name]

    def columns(self, gate: Gate) -> list[str]:
        """The columns a suite's expectations read: the only ones handed to GX."""
        names = set()
        for expectation in self.suite(gate).expectations:
            config = expectation.configuration
            names.update(v for k, v in config.kwargs.items() if k in ("column", "column_A", "column_B"))
        return sorted(names)

    def validate(self, gate: Gate, frame: pd.DataFrame):
        if gate.name not in self._batches:
            asset = self._source.add_dataframe_asset(gate.name)
            self._batches[gate.name] = asset.add_batch_definition_whole_dataframe("semua")
        batch = self._batches[gate.name].get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(self.suite(gate), result_format={
            "result_format": "COMPLETE",
            "unexpected_index_column_names": ["_baris"],
            "return_unexpected_index_query": False,
        })


def suite_spec(gate: Gate) -> dict:
    """The suite of a gate as GX reads it; a per-level suite with the level's words filled in."""
    text = (resource_dir("expectations") / f"{gate.suite}.json").read_text(encoding="utf-8")
    if gate.per_level:
        level = LEVEL[gate.tingkat]
        text = string.Template(text).substitute(tingkat=level.name, anak=level.members)
    return json.loads(text)


def run_gates(con: duckdb.DuckDBPyConnection, stage: str, validator: Validator, results_dir: Path) -> GateReport:
    """Run every gate of `stage`, record its findings in `temuan`, hold what broke an error rule."""
    report = GateReport(stage)
    results_dir.mkdir(parents=True, exist_ok=True)
    for gate in GATES[stage]:
        run_sql(con, gate.sql, gate.params)
        frame = run_sql(con, "gates/cek_kolom", {"table": gate.table, "columns": validator.columns(gate)}).df()
        result = validator.validate(gate, frame)
        failed = [(r, _failing_rows(con, r, gate)) for r in result.results if not r.success]
        findings = _findings(failed, gate)
        if len(findings):
            con.register("temuan_baru", findings)
            try:
                run_sql(con, "gates/temuan_tambah")
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
        _save_result(result, failed, gate, results_dir / f"{gate.name}.json")
    if stage in _HOLD:
        run_sql(con, *_HOLD[stage])
    return report


_FINDING_COLUMNS = ["jenis", "kode_kontes", "tingkat", "kode_wilayah", "kode_tps", "aturan", "keparahan", "keterangan"]


def _failing_rows(con: duckdb.DuckDBPyConnection, r, gate: Gate) -> pd.DataFrame:
    """The whole rows (every column of the check table) that broke one expectation, in key order."""
    rows = sorted(int(item["_baris"]) for item in r.result.get("unexpected_index_list") or [])
    frame = run_sql(con, "gates/cek_baris", {"table": gate.table, "baris": rows}).df()
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
        "suite": gate.name,
        "tabel": gate.label or gate.table,
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
