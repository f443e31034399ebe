"""One run's state: its settings, its scratch folder, and what each stage has produced so far."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rekap.release import new_staging_dir, sweep_stale
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

    @property
    def validation(self) -> Path:
        """GX validation results of every gate, published with the release."""
        return self.release / "validasi"

    @property
    def package(self) -> Path:
        """The package this run reads: a copy of the input folder, or converted from it (--input-format sirekap)."""
        return self.run_dir / "paket"


@dataclass
class Run:
    """A recap run as the stages see it. Each stage reads what the stages before it left here and
    leaves its own result under the name the plan gives (`Stage.keeps`)."""

    settings: RecapSettings
    paths: RunPaths
    started_at: str
    flow_run_id: str | None = None
    taken: Any = None  # masukan: stages.taking.TakenInput
    ingest: Any = None  # ingest: rekap.ingest.tables.IngestReport
    summary: Any = None  # ekspor: rekap.recap.Summary
    changelog_base: str | None = None  # changelog: the release data/changelog.csv compared with
    nist: Any = None  # nist: rekap.nist.NistReport
    identity: Any = None  # identitas: stages.outputs.Identity
    overview: Any = None  # ringkasan: rekap.overview.Overview
    published: Any = None  # terbitkan: rekap.release.Published
    unchanged: dict | None = None  # the outcome of OUT/latest when it was made from these very inputs

    @property
    def done(self) -> bool:
        """Whether the run has nothing left to do: its release exists already."""
        return self.unchanged is not None

    def outcome(self) -> dict:
        """What the run ends with (the flow's result, the CLI's exit code)."""
        if self.unchanged is not None:
            return self.unchanged
        return {"release_id": self.published.release_id, "path": str(self.published.path),
                "new": self.published.new, "exit_code": self.summary.exit_code, "summary": self.summary.as_dict()}


def start_run(settings: RecapSettings, flow_run_id: str | None = None) -> Run:
    """A fresh scratch folder under OUT/.work (stale ones of dead runs swept first)."""
    from rekap.gates import preload_in_background

    sweep_stale(settings.work_dir)
    preload_in_background()  # the gates need GX after ingest; import it while DuckDB reads
    return Run(settings, RunPaths(new_staging_dir(settings.work_dir)), now_iso(), flow_run_id)


def finish_run(run: Run) -> None:
    shutil.rmtree(run.paths.run_dir, ignore_errors=True)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
