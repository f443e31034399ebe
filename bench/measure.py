"""Measuring: wall (perf_counter), CPU (all threads, plus waited-for children) and peak RSS.

Every contender runs in a fresh child process (`python -m bench.<module> ...`) so that peaks do
not mix: the child times its own work and reports its own `ru_maxrss` in a JSON file; the parent
adds the whole process's wall time (interpreter start, imports) and, for process trees (the CLI
with Prefect's server, PDF workers), samples the summed RSS of the tree.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- this process


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
    """Peak RSS of this process (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> bool:
    """Reset this process's RSS high-water mark (Linux >= 4.0); False when not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def cpu_s() -> float:
    """CPU seconds of this process (every thread) and of the children it has waited for."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


class Span:
    """Wall and CPU of a block: `with Span() as s: ...; s.wall_s, s.cpu_s`."""

    def __enter__(self) -> "Span":
        self._w, self._c = time.perf_counter(), cpu_s()
        return self

    def __exit__(self, *exc) -> None:
        self.wall_s, self.cpu_s = time.perf_counter() - self._w, cpu_s() - self._c


def write_child_result(path: Path, result: dict) -> None:
    """A contender child's last act: its figures plus its own peak RSS, for the parent."""
    result = {"max_rss_mb": maxrss_mb(),  # a child that reset its high-water mark reports its own
              "children_max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024} | result
    Path(path).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- the machine


def machine() -> dict:
    def first(path: str, prefix: str) -> str | None:
        try:
            with open(path, encoding="utf-8") as fh:
                return next((l.split(":", 1)[1].strip() for l in fh if l.startswith(prefix)), None)
        except OSError:
            return None

    mem = first("/proc/meminfo", "MemTotal")
    import duckdb
    import pandas

    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": first("/proc/cpuinfo", "model name"),
        "mem_total_mb": None if mem is None else round(int(mem.split()[0]) / 1024),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pandas.__version__,
        "loadavg_start": list(os.getloadavg()),
    }


# --------------------------------------------------------------------------- child processes


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
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
            total = sum(_status_kb("VmRSS", p) or 0 for p in self._tree()) / 1024
            self.peak_mb = max(self.peak_mb, total)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _parse_time_v(text: str) -> dict:
    out: dict = {}
    for key, label in (("user_s", "User time (seconds)"), ("sys_s", "System time (seconds)")):
        m = re.search(re.escape(label) + r": (\S+)", text)
        if m:
            out[key] = float(m.group(1))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["max_rss_mb"] = int(m.group(1)) / 1024
    return out


def run_child(cmd: list[str], *, env: dict | None = None, cwd: Path = ROOT) -> dict:
    """Run `cmd` to completion: wall, CPU (user + sys of the whole tree) and peak RSS of its
    largest process (the kernel's figure, via /usr/bin/time -v) and of the tree (sampled)."""
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    full = ([gnu_time, "-v"] if gnu_time else []) + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - w0
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = {"cmd": [str(c) for c in cmd], "returncode": proc.returncode, "wall_s": wall,
           "user_s": after.ru_utime - before.ru_utime, "sys_s": after.ru_stime - before.ru_stime,
           "max_rss_mb": None, "tree_rss_peak_mb": sampler.peak_mb, "stdout": stdout[-3000:]}
    if gnu_time and "\tCommand being timed:" in stderr:
        res.update(_parse_time_v(stderr))
        stderr = stderr[: stderr.rfind("\tCommand being timed:")]
    res["cpu_s"] = res["user_s"] + res["sys_s"]
    res["stderr_tail"] = stderr[-4000:]
    return res


def run_module(module: str, args: list[str], result_json: Path, *, env: dict | None = None) -> dict:
    """Run `python -m bench.<module> ARGS --json RESULT` in a fresh process; returns the child's
    own figures (`inner`) beside the process's (`process`). Fails loudly when the child fails."""
    result_json = Path(result_json)
    result_json.parent.mkdir(parents=True, exist_ok=True)
    result_json.unlink(missing_ok=True)
    proc = run_child([sys.executable, "-m", f"bench.{module}", *map(str, args), "--json", str(result_json)],
                     env=env)
    if proc["returncode"] != 0 or not result_json.is_file():
        raise RuntimeError(f"bench.{module} failed (exit {proc['returncode']}):\n{proc['stderr_tail']}")
    inner = json.loads(result_json.read_text(encoding="utf-8"))
    return {"inner": inner, "process": {k: v for k, v in proc.items() if k not in ("stdout",)}}
