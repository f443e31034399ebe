"""Walking the plan: the loop both runners share, and the in-process runner (tests, benchmarks)."""

from __future__ import annotations

import logging
from typing import Any, Callable

from rekap.lock import out_lock
from rekap.release import Published, crash_point
from rekap.settings import RecapSettings
from rekap.stages.plan import PLAN, Stage
from rekap.stages.run import Run, finish_run, start_run

log = logging.getLogger("rekap")

Call = Callable[[Stage, Run], Any]


def call_directly(stage: Stage, run: Run) -> Any:
    """Run a stage as a plain call, its log lines to the `rekap` logger."""
    result = stage.fn(run)
    for level, message in stage.log(result):
        log.log(level, message)
    return result


def walk(run: Run, call: Call = call_directly, on_stage: Callable[[str], None] | None = None) -> Run:
    """Run every stage of PLAN in order through `call`, keeping each result in the run. After each
    stage: `on_stage(name)` (benchmarks time them) and the crash hook of tests (REKAP_CRASH_AT=<stage>
    kills the run right there, as a power cut would). Stops early when the run is done (its
    release exists already)."""
    for stage in PLAN:
        result = call(stage, run)
        if stage.keeps:
            setattr(run, stage.keeps, result)
        if on_stage is not None:
            on_stage(stage.name)
        crash_point(stage.name)
        if run.done:
            break
    return run


def recap_in_process(settings: RecapSettings, *, on_stage: Callable[[str], None] | None = None) -> Published:
    """The whole run without an orchestrator: what the flow does, stage for stage."""
    with out_lock(settings.out_dir, settings.lock_wait_seconds):
        run = start_run(settings)
        try:
            walk(run, on_stage=on_stage)
        finally:
            finish_run(run)
    outcome = run.outcome()
    return run.published or Published(outcome["release_id"], settings.releases_dir / outcome["release_id"], False)
