"""The Prefect task of each stage of rekap.stages.PLAN: a thin shell over the stage's plain function.

A task is made once per stage at import, named after it (the Prefect UI shows `gerbang-tps`,
`rekap-kecamatan`, …) and described by the first line of its function's docstring. Bad input is
the operator's data, not our bug: its task ends Failed with the file, line and column (no
traceback, no retry); a file-system failure while reading the package is retried twice."""

from __future__ import annotations

from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NONE
from prefect.states import Failed

from flows.states import is_transient_io
from rekap.errors import InputError
from rekap.stages.plan import PLAN, Stage
from rekap.stages.run import Run

_TASK = {"cache_policy": NONE, "persist_result": False}
# tasks that read the package: a network share may drop a read; bad input is never retried
_READS_PACKAGE = {"retries": 2, "retry_delay_seconds": 2, "retry_condition_fn": is_transient_io}
# publishing renames within OUT: retried once or twice on a transient failure
_PUBLISHES = {"retries": 2, "retry_delay_seconds": 1}


def stage_task(stage: Stage):
    """The task running `stage`: its result, or a Failed state carrying the InputError."""

    def shell(run: Run) -> Any:
        try:
            result = stage.fn(run)
        except InputError as err:
            return Failed(message=f"Masukan tidak dapat dipakai: {err}", data=err)
        logger = get_run_logger()
        for level, message in stage.log(result):
            logger.log(level, message)
        return result

    options = _READS_PACKAGE if stage.reads_package else _PUBLISHES if stage.name == "terbitkan" else {}
    return task(shell, name=stage.name, task_run_name=stage.name, description=stage.doc, **options, **_TASK)


TASKS = {stage.name: stage_task(stage) for stage in PLAN}
