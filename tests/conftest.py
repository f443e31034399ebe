from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from rekap.prefect_env import configure_prefect_env  # noqa: E402

# Offline and quiet before anything imports Prefect or GX.
configure_prefect_env()


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
