"""Scheduled recaps and the operator's UI: `serve_recap` (a cron deployment of `rekap-pilkada`, served
from this process) and `start_ui` (`prefect server start`, on SQLite or PostgreSQL)."""

from rekap.orchestration.serve import DEPLOYMENT_NAME, ServerUnavailable, recap_deployment, serve_recap, wait_for_api
from rekap.orchestration.ui import api_url, start_ui, ui_environment

__all__ = ["DEPLOYMENT_NAME", "ServerUnavailable", "api_url", "recap_deployment", "serve_recap", "start_ui",
           "ui_environment", "wait_for_api"]
