"""The saved validation result of one gate (validasi/<suite>.json in the release): GX's result
without run-specific ids and times, so the same data gives the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from rekap.gates.catalogue import Gate

# How many example rows of each failed expectation the saved validation result keeps.
_EXAMPLES = 20


def save_result(result, failed: list, gate: Gate, path: Path) -> None:
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
