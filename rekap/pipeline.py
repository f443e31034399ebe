"""The stages of one recap run as plain functions over (settings, run paths).

Prefect tasks in `flows/recap.py` are one-line shells around these; tests call them directly.
Every stage opens the run's DuckDB file itself, so stages share nothing in memory.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rekap import __version__
from rekap.contract import INPUT_FILES
from rekap.db import connect
from rekap.exports import write_data_files
from rekap.ingest import IngestReport, load_package
from rekap.recap import Summary, build_forms, build_level, decide_penetapan, summarize
from rekap.release import (Published, describe_files, new_staging_dir, publish, release_id,
                           rule_set_digest, sweep_stale)
from rekap.settings import RecapSettings


@dataclass(frozen=True)
class RunPaths:
    """The scratch of one run: its database and the release folder being written."""

    run_dir: Path

    @property
    def db(self) -> Path:
        return self.run_dir / "rekap.duckdb"

    @property
    def release(self) -> Path:
        return self.run_dir / "release"

    @property
    def data(self) -> Path:
        return self.release / "data"


def start_run(settings: RecapSettings) -> RunPaths:
    sweep_stale(settings.work_dir)
    return RunPaths(new_staging_dir(settings.work_dir))


def _db(settings: RecapSettings, paths: RunPaths):
    return connect(paths.db, threads=settings.threads, memory_limit=settings.memory_limit)


def ingest_stage(settings: RecapSettings, paths: RunPaths) -> IngestReport:
    with _db(settings, paths) as con:
        return load_package(con, settings.input_dir)


def forms_stage(settings: RecapSettings, paths: RunPaths) -> None:
    with _db(settings, paths) as con:
        build_forms(con)


def level_stage(settings: RecapSettings, paths: RunPaths, level: str) -> int:
    with _db(settings, paths) as con:
        return build_level(con, level)


def penetapan_stage(settings: RecapSettings, paths: RunPaths) -> Summary:
    with _db(settings, paths) as con:
        decide_penetapan(con)
        return summarize(con)


def export_stage(settings: RecapSettings, paths: RunPaths) -> list[Path]:
    with _db(settings, paths) as con:
        return write_data_files(con, paths.data)


def publish_stage(settings: RecapSettings, paths: RunPaths, summary: Summary, *,
                  started_at: str, flow_run_id: str | None) -> Published:
    """Hash inputs and outputs, write the manifest, publish atomically, keep the run's database."""
    package = settings.input_dir
    inputs = describe_files(package, [package / f.name for f in INPUT_FILES if (package / f.name).is_file()])
    outputs = describe_files(paths.release, sorted(paths.data.iterdir()))
    rules = rule_set_digest()
    rid = release_id(inputs, outputs, rules)
    manifest = {
        "release_id": rid,
        "status": "final" if summary.final else "sementara",
        "exit_code": summary.exit_code,
        "code_version": __version__,
        "rule_set_sha256": rules,
        "started_at": started_at,
        "finished_at": now_iso(),
        "flow_run_id": flow_run_id,
        "input_dir": str(package.resolve()),
        "inputs": inputs,
        "outputs": outputs,
        "summary": summary.as_dict(),
    }
    (paths.release / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    published = publish(paths.release, settings.out_dir, rid)
    # the database of the newest run stays beside the releases for inspection (never served)
    os.replace(paths.db, settings.out_dir / "rekap.duckdb")
    return published


def finish_run(paths: RunPaths) -> None:
    shutil.rmtree(paths.run_dir, ignore_errors=True)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
