"""The scheduled deployment `rekap-pilkada/terjadwal`: the recap flow on a cron, served from this
process against a running Prefect server (`rekap serve`; the why of its concurrency rule is in
rekap/orchestration/serve.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rekap.orchestration.serve import DEFAULT_CRON, DEFAULT_TIMEZONE, DEPLOYMENT_NAME, wait_for_api
from rekap.orchestration.ui import api_url
from rekap.prefect_env import configure_prefect_env


def recap_deployment(settings: Any, cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE,
                     name: str = DEPLOYMENT_NAME):
    """The RunnerDeployment of `rekap-pilkada` for `settings` (a RecapSettings) on `cron` in `timezone`."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from flows.recap import recap_flow

    return recap_flow.to_deployment(
        name=name,
        schedules=[Cron(cron, timezone=timezone)],
        # only what the operator chose: the rest (threads = all cores, ...) is decided at run time
        parameters={"settings": settings.model_dump(mode="json", exclude_unset=True)},
        concurrency_limit=ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW),
        # runs re-import the flow by module, so they work from any working directory
        entrypoint_type=EntrypointType.MODULE_PATH,
        tags=["rekap"],
        description=f"Rekap {settings.input_dir} → {settings.out_dir}, jadwal `{cron}` ({timezone}).",
    )


def serve_recap(input_dir: str | Path, out_dir: str | Path, cron: str = DEFAULT_CRON,
                timezone: str = DEFAULT_TIMEZONE, *, name: str = DEPLOYMENT_NAME, api: str | None = None,
                **settings: Any) -> None:
    """Register the scheduled deployment and serve it until interrupted (Ctrl+C / SIGTERM).

    `api` defaults to PREFECT_API_URL, else the `rekap ui` default http://127.0.0.1:4200/api — never
    Prefect's temporary server, whose runs nobody would see. `settings` are further RecapSettings
    fields (pdf=False, threads=4, ...). Raises ServerUnavailable when no server answers, ValueError
    for a cron or timezone Prefect rejects.
    """
    configure_prefect_env()
    url = api or os.environ.get("PREFECT_API_URL") or api_url()
    os.environ["PREFECT_API_URL"] = url  # the runs' subprocesses inherit it
    from prefect import serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from rekap.settings import RecapSettings

    recap = RecapSettings(input_dir=Path(input_dir).resolve(), out_dir=Path(out_dir).resolve(), **settings)
    deployment = recap_deployment(recap, cron, timezone, name)  # a bad cron or timezone fails here, offline
    wait_for_api(url)
    with temporary_settings(updates={PREFECT_API_URL: url}):  # in case Prefect was imported before
        serve(deployment)
