"""Environment defaults for Prefect (and GX) set before either is imported: offline, quiet, patient.

A user's own setting always wins; we only fill in what is unset.
"""

from __future__ import annotations

import os
from pathlib import Path

from rekap.paths import project_root


def default_prefect_home() -> Path:
    root = project_root()
    if (root / "pyproject.toml").is_file():
        return root / ".prefect"
    return Path.home() / ".rekap" / "prefect"


def configure_prefect_env(environ: dict[str, str] | None = None) -> None:
    env = os.environ if environ is None else environ
    env.setdefault("PREFECT_HOME", str(default_prefect_home()))
    # no telemetry: the server would otherwise look up an analytics host at start
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("GX_ANALYTICS_ENABLED", "false")
    # a brand-new ephemeral server migrates its database first: 20 s is too short on 2 cores
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    # results live in the release, not in Prefect's result store
    env.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")
