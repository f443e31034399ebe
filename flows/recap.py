"""The recap flow `rekap-pilkada`: a walk over rekap.stages.PLAN with each stage a Prefect task.

The flow carries one RecapSettings object; every stage reads what the stages before it left in
the run (rekap.stages.run.Run). An unusable input ends the run as a Failed state whose message
names the file, line and column (no traceback: it is the operator's data, not our bug).
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.states import Failed

from flows.artifacts import publish_artifacts
from flows.states import outcome_state
from flows.tasks import TASKS
from rekap.lock import OutBusy, out_lock
from rekap.settings import RecapSettings
from rekap.stages.plan import Stage
from rekap.stages.run import Run, finish_run, start_run
from rekap.stages.walk import walk


class StageFailed(Exception):
    """A stage's task ended Failed (bad input): the flow ends with that state's message and cause."""

    def __init__(self, message: str, cause):
        super().__init__(message)
        self.cause = cause


def run_task(stage: Stage, run: Run):
    """One stage as its task; a Failed task stops the walk."""
    if stage.name == "laporan" and run.settings.task_runner == "dask" and run.settings.reports and run.settings.pdf:
        from flows.dask import render_on_cluster

        return render_on_cluster(run)
    state = TASKS[stage.name](run, return_state=True)
    if state.is_failed():
        raise StageFailed(state.message, state.result(raise_on_failure=False))
    return state.result()


@flow(name="rekap-pilkada", log_prints=False, validate_parameters=True)
def recap_flow(settings: RecapSettings):
    """Recap one election package into a new release under settings.out_dir.

    Ends Completed (every contest final), Completed named Sementara (units held back), or Failed
    (unusable input, OUT busy) — its result is the outcome dict the CLI turns into an exit code."""
    try:
        with out_lock(settings.out_dir, settings.lock_wait_seconds):
            run = start_run(settings, str(flow_run.id) if flow_run.id else None)
            try:
                walk(run, run_task)
            except StageFailed as failed:
                return Failed(message=str(failed), data=failed.cause)
            finally:
                finish_run(run)
    except OutBusy as err:
        return Failed(message=str(err), data=err)
    outcome = run.outcome()
    logger = get_run_logger()
    if run.done:
        logger.info("masukan sama dengan yang membuat rilis %s: tidak ada yang baru diterbitkan", outcome["release_id"])
        return outcome_state(outcome)
    logger.info("rilis %s (%s)%s", outcome["release_id"], outcome["summary"]["status"],
                "" if outcome["new"] else " sudah ada; tidak ada yang baru diterbitkan")
    publish_artifacts(run.overview, outcome, settings)
    return outcome_state(outcome)  # Completed, or Completed named Sementara
