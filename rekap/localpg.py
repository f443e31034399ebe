"""A private PostgreSQL for Prefect's server: one folder, 127.0.0.1 only, database `prefect`.

Uses the binaries of Debian's `postgresql` package (/usr/lib/postgresql/<v>/bin) but none of its
cluster machinery: nothing is written to /etc or started as a system service, everything lives
in BASE (`data/` the cluster, `postgres.log`, `port`, `password`). PostgreSQL refuses to run as
root, so as root every server command runs as the `postgres` user and BASE is handed to it.
Standard library only: `tools/postgres-local.sh` runs it before the venv exists.

    python -m rekap.localpg start BASE [--port 5433]   # init on first use, start, print the URL
    python -m rekap.localpg url BASE | status BASE | stop BASE
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from rekap.processes import pid_alive

DEFAULT_PORT = 5433  # 5432 is left to a system cluster Debian's package may have started
DB_NAME = DB_USER = "prefect"


class PostgresError(RuntimeError):
    """The local PostgreSQL cannot be set up, started or stopped; the message says why."""


def bin_dir() -> Path | None:
    """The newest installed PostgreSQL server binaries, or None when none are installed."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if found:
        return Path(max(found, key=lambda p: tuple(int(x) for x in Path(p).parts[-3].split(".") if x.isdigit()))).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


class LocalPostgres:
    """One cluster in `base`; `start()` initialises it on first use and returns its URL."""

    def __init__(self, base: Path, port: int | None = None):
        self.base = Path(base).absolute()
        self.data = self.base / "data"
        self.log = self.base / "postgres.log"
        self._port = port

    @property
    def port(self) -> int:
        if self._port is not None:
            return self._port
        saved = self.base / "port"
        return int(saved.read_text()) if saved.is_file() else DEFAULT_PORT

    def url(self) -> str:
        """SQLAlchemy URL for Prefect (PREFECT_API_DATABASE_CONNECTION_URL), asyncpg driver."""
        password = (self.base / "password").read_text().strip()
        return f"postgresql+asyncpg://{DB_USER}:{password}@127.0.0.1:{self.port}/{DB_NAME}"

    def pid(self) -> int | None:
        """PID of the running postmaster, from its postmaster.pid; None when it is not running."""
        try:
            pid = int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None
        return pid if pid_alive(pid) else None

    def start(self, timeout: float = 60) -> str:
        """Start the server (initialising the cluster first if needed); return its URL."""
        binaries = bin_dir()
        if binaries is None:
            raise PostgresError("PostgreSQL tidak terpasang: apt-get install -y postgresql")
        if not (self.data / "PG_VERSION").is_file():
            self._init(binaries)
        elif self._port is not None:
            (self.base / "port").write_text(str(self._port))
        if self.pid() is None:
            options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data}"
            proc = self._as_owner([str(binaries / "pg_ctl"), "start", "-D", str(self.data), "-l", str(self.log),
                                   "-w", "-t", str(int(timeout)), "-o", options])
            if proc.returncode != 0:
                raise PostgresError(f"PostgreSQL tidak mau mulai ({self.log}):\n"
                                    f"{proc.stdout}{proc.stderr}{_tail(self.log)}")
        self._ensure_database(binaries)
        return self.url()

    def stop(self, timeout: float = 30) -> None:
        """Fast shutdown (running sessions are ended) and wait until the postmaster PID is gone."""
        pid = self.pid()
        if pid is None:
            return
        binaries = bin_dir()
        if binaries is not None:
            self._as_owner([str(binaries / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w",
                            "-t", str(int(timeout))])
        for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGKILL):  # SIGINT = fast, SIGQUIT = immediate
            if _wait_gone(pid, timeout if sig == signal.SIGINT else 5):
                return
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                return
        if not _wait_gone(pid, 5):
            raise PostgresError(f"PostgreSQL (PID {pid}) tidak berhenti")

    def _init(self, binaries: Path) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        (self.base / "port").write_text(str(self.port))
        password = secrets.token_urlsafe(24)
        secret = self.base / "password"
        secret.touch(mode=0o600)
        secret.write_text(password + "\n")
        if _owner() is not None:
            for path in (self.base, secret, self.base / "port"):
                shutil.chown(path, *_owner())
            if self._as_owner(["test", "-w", str(self.base)]).returncode != 0:
                raise PostgresError(f"pengguna postgres tidak dapat menulis ke {self.base}: pilih folder lain "
                                    "(mis. /var/lib/rekap/postgres); induknya harus bisa dibuka semua pengguna")
        # local socket (in the private data folder) trusted; TCP needs the password
        proc = self._as_owner([str(binaries / "initdb"), "-D", str(self.data), "-U", DB_USER, "--pwfile", str(secret),
                               "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
        if proc.returncode != 0:
            raise PostgresError(f"initdb gagal:\n{proc.stdout}{proc.stderr}")

    def _ensure_database(self, binaries: Path) -> None:
        connect = ["-h", str(self.data), "-p", str(self.port), "-U", DB_USER]
        query = self._as_owner([str(binaries / "psql"), *connect, "-d", "postgres", "-tAc",
                                f"select 1 from pg_database where datname = '{DB_NAME}'"])
        if query.returncode == 0 and query.stdout.strip() == "1":
            return
        proc = self._as_owner([str(binaries / "createdb"), *connect, DB_NAME])
        if proc.returncode != 0:
            raise PostgresError(f"createdb {DB_NAME} gagal:\n{proc.stderr}")

    def _as_owner(self, cmd: list[str]) -> subprocess.CompletedProcess:
        owner = _owner()
        ids = {"user": owner[0], "group": owner[1], "extra_groups": []} if owner else {}
        # a session of its own: Ctrl+C in the terminal that started it does not reach the postmaster
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd="/",
                              start_new_session=True, **ids)


def _owner() -> tuple[int, int] | None:
    """(uid, gid) of `postgres` when running as root; None when we may run the server ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresError("berjalan sebagai root tetapi pengguna `postgres` tidak ada "
                            "(apt-get install postgresql)") from None
    return entry.pw_uid, entry.pw_gid



def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "".join(path.read_text(errors="replace").splitlines(keepends=True)[-lines:])
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="postgres-local", description="PostgreSQL lokal untuk server Prefect")
    parser.add_argument("action", choices=("start", "stop", "status", "url"))
    parser.add_argument("base", type=Path, help="folder klaster (data/, postgres.log, port, password)")
    parser.add_argument("--port", type=int, default=None, help=f"port TCP di 127.0.0.1 (bawaan {DEFAULT_PORT})")
    args = parser.parse_args(argv)
    pg = LocalPostgres(args.base, args.port)
    try:
        if args.action == "start":
            print(pg.start())
            print(f"PID {pg.pid()}; hentikan dengan: tools/postgres-local.sh stop {args.base}", file=sys.stderr)
        elif args.action == "stop":
            pg.stop()
        elif args.action == "url":
            print(pg.url())
        else:
            pid = pg.pid()
            print(f"berjalan, PID {pid}, port {pg.port}" if pid else "tidak berjalan")
            return 0 if pid else 3
    except (PostgresError, OSError) as err:
        print(f"postgres-local: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
