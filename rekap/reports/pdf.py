"""PDF of every report with WeasyPrint, in a pool of worker processes (layout is CPU-bound Python).

Each worker is a fresh interpreter (`python -m rekap.reports.pdf_worker`) that reads HTML paths
on stdin, one per line, writes each PDF beside its HTML and answers `<pdf path>\t<pages>`. Fresh
processes, not multiprocessing: forking a process that runs Prefect and DuckDB threads is unsafe, and
multiprocessing's spawn re-runs the caller's main script in every worker.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path


def _worker_command() -> tuple[list[str], dict[str, str]]:
    root = str(Path(__file__).resolve().parents[2])  # the folder holding the `rekap` package
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return [sys.executable, "-m", "rekap.reports.pdf_worker"], env


def _drive(jobs: list[tuple[Path, int]], todo: queue.Queue, results: list, errors: list) -> None:
    """One worker process: feed it paths from the shared queue until the queue is empty."""
    command, env = _worker_command()
    try:
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                              text=True, encoding="utf-8") as proc:
            try:
                while not errors:
                    try:
                        i = todo.get_nowait()
                    except queue.Empty:
                        break
                    proc.stdin.write(f"{jobs[i][0]}\n")
                    proc.stdin.flush()
                    answer = proc.stdout.readline().rstrip("\n").split("\t")
                    if len(answer) != 2 or answer[0] == "GALAT":
                        errors.append(f"PDF {jobs[i][0]}: {answer[-1] if answer[0] else 'proses PDF berhenti'}")
                        break
                    results[i] = (Path(answer[0]), int(answer[1]))
            finally:
                proc.stdin.close()
                proc.wait()
    except (OSError, ValueError) as exc:  # the worker could not start, or its pipe broke
        errors.append(f"PDF: {type(exc).__name__}: {exc}")


def render_pdfs(jobs: list[tuple[Path, int]], workers: int = 2) -> list[tuple[Path, int]]:
    """Render every (html path, weight) job, heaviest first; returns (pdf path, pages) in job order."""
    results: list[tuple[Path, int] | None] = [None] * len(jobs)
    todo: queue.Queue = queue.Queue()
    for i in sorted(range(len(jobs)), key=lambda i: (-jobs[i][1], i)):
        todo.put(i)
    errors: list[str] = []
    threads = [threading.Thread(target=_drive, args=(jobs, todo, results, errors), daemon=True)
               for _ in range(max(1, min(workers, len(jobs))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors or None in results:
        raise RuntimeError("; ".join(errors) or "PDF tidak lengkap")
    return results  # type: ignore[return-value]
