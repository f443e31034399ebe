"""The HTTP side of the portal: a standard-library threading server around `Portal.handle`."""

from __future__ import annotations

import logging
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rekap.portal.app import ALLOWED_METHODS, Portal, Response

log = logging.getLogger("rekap.portal")

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
CHUNK = 1 << 20
# errors http.server raises before the portal sees the request (bad request line, headers…)
PROTOCOL_ERRORS = {
    400: "Permintaan tidak valid",
    404: "Tidak ditemukan",
    405: "Metode tidak diizinkan",
    408: "Waktu permintaan habis",
    413: "Permintaan terlalu besar",
    414: "Alamat terlalu panjang",
    431: "Kepala permintaan terlalu besar",
    501: "Metode tidak didukung",
    505: "Versi HTTP tidak didukung",
}


def make_handler(portal: Portal, *, quiet: bool = False) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to `portal`: GET and HEAD answered, every other method 405."""

    class PortalHandler(BaseHTTPRequestHandler):
        server_version = "rekap-portal"
        sys_version = ""
        protocol_version = "HTTP/1.0"
        timeout = 60

        def do_GET(self) -> None:  # noqa: N802
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def _refuse(self) -> None:
            self.close_connection = True
            self._send(portal.handle(self.command, self.path), send_body=True)

        def __getattr__(self, name: str):
            # any other method (POST, PUT, DELETE, PATCH, OPTIONS, TRACE, made-up ones) → 405
            if name.startswith("do_"):
                return self._refuse
            raise AttributeError(name)

        def _answer(self, *, send_body: bool) -> None:
            self._send(portal.handle(self.command, self.path), send_body=send_body)

        def _send(self, response: Response, *, send_body: bool) -> None:
            try:
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(response.content_length))
                for name, value in {**SECURITY_HEADERS, **response.headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                if not send_body:
                    return
                if response.file is not None:
                    with response.file.open("rb") as f:
                        shutil.copyfileobj(f, self.wfile, CHUNK)
                else:
                    self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            # errors raised by http.server itself (bad request line, URI too long, bad headers…):
            # the portal's plain page and headers, not the default one
            self.close_connection = True
            response = portal.error(code, PROTOCOL_ERRORS.get(code, "Permintaan tidak dapat diproses"),
                                    "Permintaan ini tidak dapat diproses oleh portal.")
            if code == 405:
                response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
            send_body = self.command != "HEAD" and code >= 200 and code not in (204, 304)
            self._send(response, send_body=send_body)

        def version_string(self) -> str:
            return self.server_version  # no Python version in the Server header

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            if not quiet:
                log.info("%s %s", self.address_string(), format % args)

    return PortalHandler


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000, *, quiet: bool = False,
                cache_size: int = 3, threads: int | None = None) -> ThreadingHTTPServer:
    """A ready (bound, not yet serving) portal server over OUT/releases; port 0 picks a free port."""
    portal = Portal(Path(out), cache_size=cache_size, threads=threads)
    server = ThreadingHTTPServer((host, port), make_handler(portal, quiet=quiet))
    server.daemon_threads = True
    server.portal = portal  # type: ignore[attr-defined]
    return server


def preload_latest(portal: Portal) -> threading.Thread:
    """Load the latest release's data in the background so that the first page is quick."""

    def load() -> None:
        rid = portal.releases.latest_id()
        if rid is None:
            return
        try:
            portal.releases.data(rid)
        except Exception as err:  # noqa: BLE001 - the page that needs it will report it
            log.warning("rilis %s tidak dapat dimuat: %s", rid, err)

    thread = threading.Thread(target=load, name="portal-preload", daemon=True)
    thread.start()
    return thread


def serve(out: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the releases under OUT read-only until interrupted (blocking)."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    server = make_server(Path(out), host, port)
    preload_latest(server.portal)  # type: ignore[attr-defined]
    bound_host, bound_port = server.server_address[:2]
    log.info("portal rekap: http://%s:%s/ (hanya baca: %s)", bound_host, bound_port, Path(out) / "releases")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
