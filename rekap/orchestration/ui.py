"""The operator's Prefect server (API + UI): `prefect server start`, telemetry off, SQLite or PostgreSQL.

SQLite (`PREFECT_HOME/prefect.db`) needs no set-up: right for a laptop. An office where several
people watch the runs, or runs pile up for months, wants PostgreSQL: give its URL
(`postgresql+asyncpg://user:password@host:port/db`), or `postgres=True` to start a private one
from Debian's package (rekap.localpg). The server runs in a process group of its own so that it
(and whatever it spawns) is stopped as one by `stop_ui`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from rekap.prefect_env import configure_prefect_env, default_prefect_home

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 4200


def api_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """Where the server's API answers; what `rekap serve` and `rekap run` take as PREFECT_API_URL."""
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/api"


def ui_environment(database_url: str | None = None, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: ours, project defaults, analytics off, and the database when given."""
    env = dict(os.environ if environ is None else environ)
    configure_prefect_env(env)
    env["DO_NOT_TRACK"] = "1"
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    env.pop("PREFECT_API_URL", None)  # the server is the API; a client URL here would only confuse it
    if database_url:
        if not database_url.startswith("postgresql+asyncpg://"):
            raise ValueError("URL basis data harus berbentuk postgresql+asyncpg://pengguna:sandi@host:port/db")
        env["PREFECT_API_DATABASE_CONNECTION_URL"] = database_url
    else:
        env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)
    return env


def start_ui(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, database_url: str | None = None,
             *, log: Path | None = None) -> subprocess.Popen:
    """Start `prefect server start` in its own process group; return the process (see `stop_ui`).

    Migrates the database on start (a new PostgreSQL or SQLite database takes ~10–20 s); the API
    answers at `api_url(host, port)` once ready (`rekap.orchestration.wait_for_api`).
    """
    env = ui_environment(database_url)
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]
    out = open(log, "ab") if log else None  # noqa: SIM115 - handed to the child, closed below
    try:
        return subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT if out else None, start_new_session=True)
    finally:
        if out:
            out.close()


def stop_ui(proc: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM to the server's whole process group, SIGKILL after `timeout` s; reap the server."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue
    proc.wait(10)
    try:  # children the server left behind in its group
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def default_postgres_dir() -> Path:
    """Where `rekap ui --postgres` keeps its cluster: PREFECT_HOME/postgres, or /var/lib/rekap/postgres as root
    (the server then runs as `postgres`, who cannot enter a root-only checkout)."""
    if os.geteuid() == 0:
        return Path("/var/lib/rekap/postgres")
    return Path(os.environ.get("PREFECT_HOME") or default_prefect_home()) / "postgres"
