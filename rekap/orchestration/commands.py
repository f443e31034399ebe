"""`rekap serve` and `rekap ui`: their arguments and handlers (wired into rekap.cli). Part of the CLI layer:
like rekap.cli it may import flows/, and only inside a handler, so `rekap --help` stays fast."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from rekap.orchestration.serve import DEFAULT_CRON, DEFAULT_TIMEZONE, ServerUnavailable, wait_for_api
from rekap.orchestration.ui import DEFAULT_HOST, DEFAULT_PORT, api_url, default_postgres_dir, start_ui, stop_ui

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_serve_parser(sub) -> argparse.ArgumentParser:
    serve = sub.add_parser("serve", help="rekap terjadwal: layani deployment cron di server Prefect (`rekap ui`)")
    serve.add_argument("--input", required=True, type=Path, help="folder paket (dibaca ulang setiap run)")
    serve.add_argument("--out", required=True, type=Path, help="folder rilis (OUT/releases, OUT/latest)")
    serve.add_argument("--cron", default=DEFAULT_CRON, help=f'jadwal cron (bawaan "{DEFAULT_CRON}")')
    serve.add_argument("--timezone", default=DEFAULT_TIMEZONE, help=f"zona waktu jadwal (bawaan {DEFAULT_TIMEZONE})")
    serve.add_argument("--tanpa-pdf", action="store_true", help="buat laporan HTML/XLSX saja, tanpa PDF")
    serve.set_defaults(handler=serve_command)
    return serve


def add_ui_parser(sub) -> argparse.ArgumentParser:
    ui = sub.add_parser("ui", help="server Prefect (API + UI) untuk memantau run; SQLite atau PostgreSQL")
    ui.add_argument("--host", default=DEFAULT_HOST, help="alamat (bawaan: 127.0.0.1, hanya mesin ini)")
    ui.add_argument("--port", type=int, default=DEFAULT_PORT)
    db = ui.add_mutually_exclusive_group()
    db.add_argument("--database-url", default=None, metavar="URL",
                    help="PostgreSQL: postgresql+asyncpg://pengguna:sandi@host:port/db (bawaan: SQLite)")
    db.add_argument("--postgres", action="store_true",
                    help=f"jalankan PostgreSQL lokal dari paket Debian di {default_postgres_dir()}")
    ui.set_defaults(handler=ui_command)
    return ui


def serve_command(args: argparse.Namespace) -> int:
    from flows.serve import serve_recap  # the CLI is the one layer of rekap/ above flows/

    overrides = {"pdf": False} if getattr(args, "tanpa_pdf", False) else {}
    try:
        serve_recap(args.input, args.out, args.cron, args.timezone, **overrides)
    except ServerUnavailable as err:
        print(f"rekap: {err}", file=sys.stderr)
        return EXIT_FAILED
    except ValueError as err:  # cron or timezone Prefect rejects
        print(f"rekap: jadwal tidak sah: {err}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def ui_command(args: argparse.Namespace) -> int:
    """Run the server in the foreground until Ctrl+C or SIGTERM; stop PostgreSQL too if we started it."""
    pg = None
    url = args.database_url
    if args.postgres:
        from rekap.localpg import LocalPostgres, PostgresError

        pg = LocalPostgres(default_postgres_dir())
        try:
            url = pg.start()
        except PostgresError as err:
            print(f"rekap: {err}", file=sys.stderr)
            return EXIT_FAILED
        print(f"PostgreSQL lokal di {pg.base} (port {pg.port}, PID {pg.pid()})")
    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops it as cleanly as Ctrl+C
    try:
        proc = start_ui(args.host, args.port, url)
    except ValueError as err:
        print(f"rekap: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        wait_for_api(api_url(args.host, args.port), timeout=180, process=proc)
        print(f"UI Prefect: http://{args.host}:{args.port}/ ({'PostgreSQL' if url else 'SQLite'}); "
              f"di terminal lain: PREFECT_API_URL={api_url(args.host, args.port)} (Ctrl+C untuk berhenti)")
        return EXIT_OK if proc.wait() == 0 else EXIT_FAILED
    except ServerUnavailable as err:
        print(f"rekap: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        stop_ui(proc)
        if pg is not None:
            pg.stop()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
