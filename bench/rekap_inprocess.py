"""(c) rekap, stage by stage: `rekap.recap_in_process` (call for call what the flow runs,
without Prefect) in this fresh process, each stage timed between its `on_stage` notifications:
wall, CPU (all threads), the stage's own RSS peak and, inside it, every SQL file run through
`rekap.sqlfiles.run_sql` and every Great Expectations validation.

    python -m bench.rekap_inprocess --input PKG --out OUT --json RESULT.json [--html]

`--html` renders the reports as HTML/XLSX (the `laporan` stage, no PDF); without it no reports.
OUT is emptied first: every run publishes a fresh release.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import shutil
import sys
import time
from pathlib import Path

from bench.measure import Span, cpu_s, hwm_mb, maxrss_mb, reset_peak, rss_mb, write_child_result


class Probes:
    """Times the calls that do the work inside a stage, attributed to the stage they ran in:
    every SQL file (run_sql, rebound in every rekap module that imported it) and GX (Validator)."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self._pending: list[dict] = []

    def _wrap(self, fn, kind: str, label):
        def timed(*args, **kwargs):
            w0, c0 = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._pending.append({"kind": kind, "name": label(args, kwargs),
                                      "wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0})
        timed.__wrapped__ = fn
        return timed

    def install(self) -> None:
        import rekap
        import rekap.sqlfiles

        for info in pkgutil.iter_modules(rekap.__path__, "rekap."):  # import run_sql's users first
            if info.name not in ("rekap.cli", "rekap.prefect_env"):
                importlib.import_module(info.name)
        original = rekap.sqlfiles.run_sql
        timed = self._wrap(original, "sql", lambda a, k: a[1] if len(a) > 1 else k.get("name"))
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith("rekap") and getattr(mod, "run_sql", None) is original:
                mod.run_sql = timed
        gates = sys.modules.get("rekap.gates")
        if gates is not None and hasattr(gates, "Validator"):
            v = gates.Validator
            v.__init__ = self._wrap(v.__init__, "gx", lambda a, k: "(context)")
            v.validate = self._wrap(v.validate, "gx", lambda a, k: a[1] if len(a) > 1 else k.get("suite_name"))

    def close_stage(self, stage: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for c in self._pending:
            c["stage"] = stage
            out[c["kind"]] = out.get(c["kind"], 0.0) + c["wall_s"]
        self.calls.extend(self._pending)
        self._pending = []
        return out

    def by_name(self) -> list[dict]:
        agg: dict[tuple, dict] = {}
        for c in self.calls:
            a = agg.setdefault((c["stage"], c["kind"], c["name"]), {
                "stage": c["stage"], "kind": c["kind"], "name": c["name"], "calls": 0, "wall_s": 0.0, "cpu_s": 0.0})
            a["calls"] += 1
            a["wall_s"] += c["wall_s"]
            a["cpu_s"] += c["cpu_s"]
        return sorted(agg.values(), key=lambda a: -a["wall_s"])


def run_stages(pkg: Path, out: Path, *, html: bool, probes: Probes) -> dict:
    from rekap.stages.walk import recap_in_process
    from rekap.settings import RecapSettings

    if out.exists():
        shutil.rmtree(out)
    settings = RecapSettings(input_dir=pkg, out_dir=out, reports=html, pdf=False)
    can_reset = reset_peak()
    stages: list[dict] = []
    mark = {"wall": 0.0, "cpu": 0.0}

    def begin() -> None:
        if can_reset:
            reset_peak()
        mark["wall"], mark["cpu"] = time.perf_counter(), cpu_s()

    def note(name: str) -> None:
        kinds = probes.close_stage(name)
        stages.append({"stage": name, "wall_s": time.perf_counter() - mark["wall"], "cpu_s": cpu_s() - mark["cpu"],
                       "sql_s": kinds.get("sql", 0.0), "gx_s": kinds.get("gx", 0.0),
                       "peak_rss_mb": hwm_mb() if can_reset else None, "rss_after_mb": rss_mb()})
        begin()

    begin()
    with Span() as total:
        published = recap_in_process(settings, on_stage=note)
    note("finish_run")
    manifest = json.loads((published.path / "manifest.json").read_text(encoding="utf-8"))
    return {"contender": "rekap", "wall_s": total.wall_s, "cpu_s": total.cpu_s, "stages": stages,
            "stage_peak_measured": can_reset, "threads": settings.threads, "memory_limit": settings.memory_limit,
            "release": str(published.path), "release_id": published.release_id,
            "summary": manifest["summary"], "exit_code": manifest["exit_code"],
            "outputs_mb": {o["file"]: round(o["bytes"] / 2**20, 1) for o in manifest["outputs"]
                           if o["bytes"] >= 2**20 // 10},
            "html_files": sum(1 for o in manifest["outputs"] if o["file"].endswith(".html")),
            "html_mb": round(sum(o["bytes"] for o in manifest["outputs"] if o["file"].endswith(".html")) / 2**20, 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--json", required=True, type=Path)
    p.add_argument("--html", action="store_true", help="render the HTML/XLSX reports (no PDF)")
    args = p.parse_args(argv)
    from rekap.prefect_env import configure_prefect_env

    configure_prefect_env()  # offline and quiet, as the CLI sets it (GX analytics off)
    probes = Probes()
    with Span() as imports:
        probes.install()
    result = run_stages(args.input.resolve(), args.out.resolve(), html=args.html, probes=probes)
    result |= {"imports_wall_s": imports.wall_s, "calls": probes.by_name()[:40]}
    # resetting VmHWM per stage resets ru_maxrss too: the process's peak is the largest stage peak
    result["max_rss_mb"] = max([s["peak_rss_mb"] or 0 for s in result["stages"]] + [maxrss_mb()])
    write_child_result(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
