"""Running a stage's gates: build each check table, validate it, record the findings, hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from rekap.findings import KEPARAHAN, explain
from rekap.gates.catalogue import GATES, HOLD, Gate
from rekap.gates.results import save_result
from rekap.gates.validator import Validator
from rekap.sqlfiles import run_sql


@dataclass
class GateReport:
    stage: str
    errors: int = 0
    warnings: int = 0
    rows_checked: int = 0
    expectations: int = 0
    failed_rules: dict[str, int] = field(default_factory=dict)


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
        save_result(result, failed, gate, results_dir / f"{gate.name}.json")
    if stage in HOLD:
        run_sql(con, *HOLD[stage])
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
