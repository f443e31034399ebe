from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from rekap.prefect_env import configure_prefect_env, default_prefect_home  # noqa: E402

# Under pytest-xdist each worker has a Prefect home of its own: a CLI run that starts its own
# temporary server keeps its SQLite database there, and two servers must not migrate one file.
if os.environ.get("PYTEST_XDIST_WORKER") and "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = str(default_prefect_home() / "xdist" / os.environ["PYTEST_XDIST_WORKER"])
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


# --- built once per run, shared read-only ------------------------------------------------------------


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory) -> Path:
    """A folder every pytest-xdist worker of this run sees (the run's base temp folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # pytest-of-<user>/pytest-<n>/popen-gw<i> -> pytest-of-<user>/pytest-<n>
    folder = base / "shared"
    folder.mkdir(exist_ok=True)
    return folder


def build_once(shared: Path, name: str, build) -> Path:
    """`build(folder)` run once per test run, whichever worker asks first (the others wait on a file
    lock); every caller gets the finished folder. Read-only: a test that changes it copies it first."""
    target = shared / name
    done = shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            build(target)
            done.touch()
    return target


class Samples:
    """`sample_package(scope, seed)`: the package `rekap sample` writes, written once per run and
    shared read-only; `sample_package.summary(scope, seed)`: what write_sample returned for it."""

    def __init__(self, shared: Path):
        self.shared = shared

    def __call__(self, scope: str, seed: int = 2024) -> Path:
        from rekap.sample.write import write_sample

        name = f"sample-{scope}-{seed}"

        def build(folder: Path) -> None:
            summary = write_sample(scope, folder, seed=seed)
            (self.shared / f"{name}.json").write_text(json.dumps(summary), encoding="utf-8")

        return build_once(self.shared, name, build)

    def summary(self, scope: str, seed: int = 2024) -> dict:
        self(scope, seed)
        return json.loads((self.shared / f"sample-{scope}-{seed}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_package(shared_dir) -> Samples:
    return Samples(shared_dir)


def copy_package(package: Path, folder: Path) -> Path:
    """A writable copy of a shared package."""
    shutil.copytree(package, folder)
    return folder


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


E2E = Path(__file__).parent / "e2e"


def pytest_collection_modifyitems(items):
    """Every test under tests/e2e/ is an end-to-end run (`-m e2e` / `-m "not e2e"`).

    Under `pytest -n N --dist loadgroup`, the tests that share a module- or class-scoped fixture of
    their module run on one worker (the fixture is built once); every other test goes wherever a
    worker is free. An explicit `xdist_group` mark wins."""
    for item in items:
        if E2E in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
        if item.get_closest_marker("xdist_group"):
            continue
        info = getattr(item, "_fixtureinfo", None)
        module = item.nodeid.split("::")[0]
        shared = [d for defs in (info.name2fixturedefs.values() if info else ()) for d in defs
                  if d.scope in ("module", "class") and d.baseid.split("::")[0] == module]
        if shared:
            item.add_marker(pytest.mark.xdist_group(module))
