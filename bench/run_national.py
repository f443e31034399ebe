"""National-scale benchmark of the recap (`make bench`): wall time, CPU time and memory per stage.

1. Generates the sample package once into bench/cache/<scope>-seed<seed>/ (reused when present),
   in a child process so the generator's memory does not count against the recap.
2. Runs the recap in this process without Prefect (rekap.pipeline.recap_in_process: the plain
   stage functions, call for call what the flow runs), measuring per stage: wall, CPU (all
   threads), peak RSS of the stage, peak RSS so far and current RSS. DuckDB allocates natively, so
   its memory shows in RSS. Every SQL file run through rekap.sqlfiles.run_sql and every Great
   Expectations validation is timed too, to tell what bounds a stage.
3. Runs the real CLI end to end once as a child process (`rekap run`, Prefect included) under
   /usr/bin/time -v when available, sampling the RSS of its whole process tree meanwhile.
4. Prints a table and the totals against the targets, and writes bench/results.json.

Usage: .venv/bin/python bench/run_national.py [--scope nasional|kaltim|balikpapan] [--seed N]
       [--skip-cli]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CACHE = BENCH / "cache"
RESULTS = BENCH / "results.json"

TARGET_WALL_S = 60.0  # whole recap (ingest .. publish), without report rendering
TARGET_RSS_MB = 4096.0
SLOW_STAGE_S = 15.0
HUNGRY_STAGE_MB = 3072.0

_GENERATE = """\
import json, sys
from rekap.sample import write_sample
print(json.dumps(write_sample(sys.argv[1], sys.argv[2], seed=int(sys.argv[3]))))
"""


# --------------------------------------------------------------------------- memory probes


def _status_kb(field: str, pid: int | str = "self") -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def rss_mb() -> float | None:
    kb = _status_kb("VmRSS")
    return None if kb is None else kb / 1024


def hwm_mb() -> float | None:
    kb = _status_kb("VmHWM")
    return None if kb is None else kb / 1024


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def reset_peak() -> bool:
    """Reset the process's RSS high-water mark (Linux >= 4.0); False when not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def machine() -> dict:
    mem_kb = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem_kb = int(next(l for l in fh if l.startswith("MemTotal:")).split()[1])
    except (OSError, StopIteration, ValueError):
        pass
    cpu_model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu_model = next((l.split(":", 1)[1].strip() for l in fh if l.startswith("model name")), None)
    except OSError:
        pass
    cgroup_limit = None
    try:
        raw = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        cgroup_limit = None if raw == "max" else int(raw) / 2**20
    except (OSError, ValueError):
        pass
    import duckdb

    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "mem_total_mb": None if mem_kb is None else round(mem_kb / 1024),
        "cgroup_memory_max_mb": cgroup_limit,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "loadavg_start": list(os.getloadavg()),
    }


# --------------------------------------------------------------------------- probes


class Probes:
    """Times the calls that do the work inside a stage, attributed to the stage they ran in.

    - every SQL file: rekap.sqlfiles.run_sql, rebound in every rekap module that imported it
      (DuckDB runs the statement inside execute(), so this is the statement's time);
    - Great Expectations: rekap.gates.Validator (context set-up, one validate() per suite).
    """

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
                                      "wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0,
                                      "rss_after_mb": rss_mb()})
        timed.__wrapped__ = fn
        return timed

    def install(self) -> None:
        import importlib
        import pkgutil

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

    def close_stage(self, stage: str) -> dict:
        """Attribute the calls since the last stage to `stage`; seconds per kind."""
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
            key = (c["stage"], c["kind"], c["name"])
            a = agg.setdefault(key, {"stage": c["stage"], "kind": c["kind"], "name": c["name"], "calls": 0,
                                     "wall_s": 0.0, "cpu_s": 0.0, "max_rss_after_mb": 0.0})
            a["calls"] += 1
            a["wall_s"] += c["wall_s"]
            a["cpu_s"] += c["cpu_s"]
            a["max_rss_after_mb"] = max(a["max_rss_after_mb"], c["rss_after_mb"] or 0.0)
        return sorted(agg.values(), key=lambda a: -a["wall_s"])


# --------------------------------------------------------------------------- child processes


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
        self.peak_procs = 0
        self._done = threading.Event()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, ()))
        return out

    def run(self) -> None:
        while not self._done.is_set():
            procs = self._tree()
            total = sum(_status_kb("VmRSS", p) or 0 for p in procs) / 1024
            if total > self.peak_mb:
                self.peak_mb, self.peak_procs = total, len(procs)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _parse_time_v(text: str) -> dict:
    out: dict = {}
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if m:
        secs = 0.0
        for part in m.group(1).split(":"):
            secs = secs * 60 + float(part)
        out["wall_s"] = secs
    for key, label in (("user_s", "User time (seconds)"), ("sys_s", "System time (seconds)")):
        m = re.search(re.escape(label) + r": (\S+)", text)
        if m:
            out[key] = float(m.group(1))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["max_rss_mb"] = int(m.group(1)) / 1024
    return out


def run_child(cmd: list[str], *, env: dict | None = None) -> dict:
    """Run `cmd` to completion: wall, CPU and peak RSS (largest single process, from the kernel,
    via /usr/bin/time -v or RUSAGE_CHILDREN) plus the sampled peak RSS of the whole process tree."""
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    full = ([gnu_time, "-v"] if gnu_time else []) + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    proc = subprocess.Popen(full, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - w0
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = {
        "cmd": cmd, "returncode": proc.returncode, "wall_s": wall,
        "user_s": after.ru_utime - before.ru_utime, "sys_s": after.ru_stime - before.ru_stime,
        # RUSAGE_CHILDREN's maxrss is the largest any waited-for descendant ever reached
        "max_rss_mb": after.ru_maxrss / 1024, "max_rss_source": "RUSAGE_CHILDREN",
        "tree_rss_peak_mb": sampler.peak_mb, "tree_procs_at_peak": sampler.peak_procs,
        "stdout": stdout,
    }
    if gnu_time:
        parsed = _parse_time_v(stderr)
        res.update({k: v for k, v in parsed.items() if k != "wall_s"})
        res["max_rss_source"] = "/usr/bin/time -v"
        stderr = stderr[: stderr.rfind("\tCommand being timed:")] if "\tCommand being timed:" in stderr else stderr
    res["cpu_s"] = res["user_s"] + res["sys_s"]
    res["stderr_tail"] = stderr[-4000:]
    return res


# --------------------------------------------------------------------------- steps


def ensure_sample(scope: str, seed: int) -> tuple[Path, dict]:
    pkg = CACHE / f"{scope}-seed{seed}"
    sidecar = CACHE / f"{scope}-seed{seed}.summary.json"
    from rekap.sample import PACKAGE_FILES

    if pkg.is_dir() and all((pkg / f).is_file() for f in PACKAGE_FILES):
        info = {"reused": True}
        if sidecar.is_file():
            info["summary"] = json.loads(sidecar.read_text(encoding="utf-8"))
            info["generated"] = info["summary"].pop("_generation", None)
        print(f"sample {scope} seed {seed}: reusing {pkg.relative_to(ROOT)}")
        return pkg, info
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"sample {scope} seed {seed}: generating {pkg.relative_to(ROOT)} ...", flush=True)
    res = run_child([sys.executable, "-c", _GENERATE, scope, str(pkg), str(seed)])
    if res["returncode"] != 0:
        sys.exit(f"sample generation failed (exit {res['returncode']}):\n{res['stderr_tail']}")
    summary = json.loads(res["stdout"].strip().splitlines()[-1])
    gen = {k: res[k] for k in ("wall_s", "cpu_s", "max_rss_mb", "tree_rss_peak_mb")}
    sidecar.write_text(json.dumps(summary | {"_generation": gen}, indent=2) + "\n", encoding="utf-8")
    print(f"  {summary['tps']:,} TPS, {summary['forms']:,} forms, {summary['pair_rows']:,} pair rows "
          f"in {gen['wall_s']:.1f} s (CPU {gen['cpu_s']:.1f} s, peak RSS {gen['max_rss_mb']:.0f} MB)")
    return pkg, {"reused": False, "summary": summary, "generated": gen}


def run_stages(pkg: Path, out: Path, probes: Probes) -> tuple[list[dict], dict]:
    """The whole recap in this process, exactly as the flow runs it (rekap.pipeline.recap_in_process),
    measured between the stage notifications it gives."""
    from rekap import pipeline
    from rekap.settings import RecapSettings

    if out.exists():
        shutil.rmtree(out)  # bench-owned: every run publishes from scratch
    # the recap without report rendering (the design target); reports are measured on their own
    settings = RecapSettings(input_dir=pkg, out_dir=out, reports=False)
    can_reset = reset_peak()
    stages: list[dict] = []
    so_far = maxrss_mb()
    state: dict = {"settings": {"threads": settings.threads, "memory_limit": settings.memory_limit},
                   "stage_peak_measured": can_reset, "baseline_rss_mb": rss_mb()}
    mark = {"wall": 0.0, "cpu": 0.0}

    def begin() -> None:
        if can_reset:
            reset_peak()
        mark["wall"], mark["cpu"] = time.perf_counter(), time.process_time()

    def note(name: str) -> None:
        nonlocal so_far
        wall, cpu = time.perf_counter() - mark["wall"], time.process_time() - mark["cpu"]
        stage_peak = hwm_mb() if can_reset else None
        so_far = max(so_far, maxrss_mb(), stage_peak or 0.0)
        kinds = probes.close_stage(name)
        stages.append({"stage": name, "wall_s": wall, "cpu_s": cpu, "sql_s": kinds.get("sql", 0.0),
                       "gx_s": kinds.get("gx", 0.0), "stage_peak_rss_mb": stage_peak,
                       "peak_rss_so_far_mb": so_far, "rss_after_mb": rss_mb()})
        print(f"  {name:<20} {wall:7.2f} s", flush=True)
        begin()

    print(f"recap without Prefect ({settings.threads} threads, DuckDB memory_limit {settings.memory_limit}):",
          flush=True)
    begin()
    published = pipeline.recap_in_process(settings, on_stage=note)
    note("finish_run")  # the scratch removal after the last stage

    manifest = json.loads((published.path / "manifest.json").read_text(encoding="utf-8"))
    state.update({
        "summary": manifest["summary"], "exit_code": manifest["exit_code"], "release_id": published.release_id,
        "outputs_mb": {o["file"]: round(o["bytes"] / 2**20, 1) for o in manifest["outputs"]
                       if o["bytes"] >= 2**20 // 10},
        "rows": table_rows(out / "rekap.duckdb", ("tps", "c_hasil", "suara_paslon", "paslon", "temuan")),
    })
    probes.close_stage("(bench)")  # the counting above is not part of the recap
    probes.calls = [c for c in probes.calls if c["stage"] != "(bench)"]
    return stages, state


def table_rows(db: Path, tables: tuple[str, ...]) -> dict[str, int | None]:
    """Row counts of the kept run database (read-only), through sql/count_rows.sql."""
    import duckdb

    from rekap.sqlfiles import run_sql

    if not db.is_file():
        return {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, int | None] = {}
        for t in tables:
            try:
                out[t] = run_sql(con, "count_rows", {"table": t}).fetchone()[0]
            except duckdb.CatalogException:
                out[t] = None
        return out
    finally:
        con.close()


def run_cli(pkg: Path, out: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    rekap = ROOT / ".venv" / "bin" / "rekap"
    if not rekap.exists():
        rekap = Path(sys.executable).parent / "rekap"
    print(f"CLI end to end: {rekap.relative_to(ROOT) if rekap.is_relative_to(ROOT) else rekap} run "
          f"--input {pkg.relative_to(ROOT)} --out {out.relative_to(ROOT)} --tanpa-laporan ...", flush=True)
    return run_child([str(rekap), "run", "--input", str(pkg), "--out", str(out), "--tanpa-laporan"])


# --------------------------------------------------------------------------- report


def _fmt(v, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def print_report(result: dict, cli: dict | None, reused: bool) -> None:
    stages, totals, mach = result["stages"], result["totals"], result["machine"]
    gen = result["sample"].get("generated")
    print()
    print(f"machine: {mach['nproc']} CPU ({mach['cpu_model']}), {mach['mem_total_mb']:,} MB RAM; "
          f"DuckDB {mach['duckdb']}, Python {mach['python']}")
    if mach["loadavg_start"][0] > 0.5 * (mach["nproc"] or 1):
        print(f"note: the machine was busy at start (load average {mach['loadavg_start'][0]:.2f} on "
              f"{mach['nproc']} CPU): wall times are inflated")
    print("data: " + ", ".join(f"{k} {v:,}" for k, v in result["counts"].items() if isinstance(v, int)))
    if gen:
        print(f"sample generation: {gen['wall_s']:.1f} s wall, {gen['cpu_s']:.1f} s CPU, "
              f"peak RSS {gen['max_rss_mb']:.0f} MB{' (recorded when the cached package was made)' if reused else ''}")
    s = result["recap"]["summary"]
    print(f"recap: {s.get('status')}, {s.get('kontes_ditetapkan')}/{s.get('kontes')} contests decided, "
          f"{s.get('formulir_ditahan')} forms held, {s.get('temuan_error')} error / {s.get('temuan_warn')} warn "
          f"findings, release {result['recap']['release_id']}")
    print()
    head = (f"{'stage':<20} {'wall s':>7} {'cpu s':>7} {'sql s':>7} {'gx s':>7} {'stage peak MB':>13} "
            f"{'peak RSS MB':>11} {'RSS after MB':>12}")
    print(head)
    print("-" * len(head))
    for r in stages:
        flag = ""
        if r["wall_s"] > SLOW_STAGE_S:
            flag += "  <- slow"
        if (r["stage_peak_rss_mb"] or 0) > HUNGRY_STAGE_MB:
            flag += "  <- memory-hungry"
        print(f"{r['stage']:<20} {r['wall_s']:7.2f} {r['cpu_s']:7.2f} {r['sql_s']:7.2f} {r['gx_s']:7.2f} "
              f"{_fmt(r['stage_peak_rss_mb'], '13.0f')} {r['peak_rss_so_far_mb']:11.0f} "
              f"{_fmt(r['rss_after_mb'], '12.0f')}{flag}")
    print("-" * len(head))
    ok_w = totals["wall_s"] <= TARGET_WALL_S
    ok_m = totals["peak_rss_mb"] <= TARGET_RSS_MB
    print(f"{'recap total':<20} {totals['wall_s']:7.2f} {totals['cpu_s']:7.2f} {totals['sql_s']:7.2f} "
          f"{totals['gx_s']:7.2f} {'':>13} {totals['peak_rss_mb']:11.0f}")
    print(f"target, recap without report rendering: <= {TARGET_WALL_S:.0f} s {'OK' if ok_w else 'MISSED'}, "
          f"<= {TARGET_RSS_MB / 1024:.0f} GB {'OK' if ok_m else 'MISSED'}")
    if cli:
        print(f"{'CLI (Prefect)':<20} {cli['wall_s']:7.2f} {cli['cpu_s']:7.2f} {'':>7} {'':>7} {'':>13} "
              f"{cli['max_rss_mb']:11.0f}   (process tree, sampled: {cli['tree_rss_peak_mb']:.0f} MB; "
              f"exit {cli['returncode']})")
        ok_cw, ok_cm = cli["wall_s"] <= TARGET_WALL_S, max(cli["max_rss_mb"], cli["tree_rss_peak_mb"]) <= TARGET_RSS_MB
        print(f"target, CLI incl. Prefect start-up: wall {'OK' if ok_cw else 'MISSED'}, "
              f"memory {'OK' if ok_cm else 'MISSED'}; Prefect and process start-up add "
              f"~{cli['wall_s'] - totals['wall_s']:.1f} s over the in-process recap")
    print()
    print("slowest calls (SQL files through run_sql, GX validations):")
    for a in result["calls"][:12]:
        print(f"  {a['stage']:<20} {a['kind']:<3} {a['name']:<24} {a['wall_s']:7.2f} s  cpu {a['cpu_s']:7.2f} s"
              f"  x{a['calls']}")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scope", default="nasional", choices=("nasional", "kaltim", "balikpapan"))
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--skip-cli", action="store_true", help="skip the end-to-end CLI run through Prefect")
    args = p.parse_args(argv)

    mach = machine()
    pkg, sample = ensure_sample(args.scope, args.seed)

    probes = Probes()
    probes.install()
    stages, state = run_stages(pkg, CACHE / "out", probes)
    rows, summary = state["rows"], state["summary"]
    counts = {"tps": rows.get("tps"), "forms": rows.get("c_hasil"), "pair_rows": rows.get("suara_paslon"),
              "paslon": rows.get("paslon"), "kontes": summary.get("kontes"), "temuan": rows.get("temuan")}
    totals = {"wall_s": sum(s["wall_s"] for s in stages), "cpu_s": sum(s["cpu_s"] for s in stages),
              "sql_s": sum(s["sql_s"] for s in stages), "gx_s": sum(s["gx_s"] for s in stages),
              "peak_rss_mb": max(s["peak_rss_so_far_mb"] for s in stages)}

    cli = None if args.skip_cli else run_cli(pkg, CACHE / "out-cli")
    mach["loadavg_end"] = list(os.getloadavg())

    result = {
        "scope": args.scope, "seed": args.seed, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": mach, "counts": counts, "package": str(pkg.relative_to(ROOT)),
        "sample": sample, "settings": state["settings"],
        "baseline_rss_mb": state["baseline_rss_mb"], "stage_peak_measured": state["stage_peak_measured"],
        "stages": stages, "totals": totals,
        "targets": {"wall_s": TARGET_WALL_S, "rss_mb": TARGET_RSS_MB,
                    "wall_ok": totals["wall_s"] <= TARGET_WALL_S, "rss_ok": totals["peak_rss_mb"] <= TARGET_RSS_MB},
        "recap": {k: state[k] for k in ("summary", "exit_code", "release_id", "outputs_mb")},
        "calls": probes.by_name(),
        "cli": None if cli is None else {k: v for k, v in cli.items() if k != "stdout"} | {"stdout": cli["stdout"][-2000:]},
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(result, cli, sample["reused"])
    if cli and cli["returncode"] not in (0, 3):
        print(f"\nCLI failed (exit {cli['returncode']}):\n{cli['stderr_tail']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
