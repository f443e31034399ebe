"""Scheduled recaps and the operator's UI, without Prefect imports: `start_ui` (`prefect server
start`, on SQLite or PostgreSQL) and waiting for its API. The cron deployment of `rekap-pilkada`
is flows/serve.py."""

from rekap.orchestration.serve import DEPLOYMENT_NAME, ServerUnavailable, wait_for_api
from rekap.orchestration.ui import api_url, start_ui, ui_environment

__all__ = ["DEPLOYMENT_NAME", "ServerUnavailable", "api_url", "start_ui", "ui_environment", "wait_for_api"]
