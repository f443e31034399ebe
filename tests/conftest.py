from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from rekap.prefect_env import configure_prefect_env  # noqa: E402

# Offline and quiet before anything imports Prefect or GX.
configure_prefect_env()
# Prefect's console log handler keeps the stream it was set up with; after an earlier test's
# capsys/capfd stream is closed, its failed writes would print "--- Logging error --- Traceback"
# into later tests' captured output. A user's process has one stderr and never sees this.
logging.raiseExceptions = False


@pytest.fixture
def db(tmp_path):
    """A fresh DuckDB file with the project's macros."""
    from rekap.db import connect

    with connect(tmp_path / "test.duckdb", threads=2, memory_limit="1GB") as con:
        yield con


@pytest.fixture(scope="session")
def prefect_api():
    """One temporary Prefect server for the whole session (starting one costs ~10 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def prefect_api_url(prefect_api) -> str:
    """The session's temporary Prefect server, for CLI subprocesses (PREFECT_API_URL)."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()
