"""The HTTP side of the portal: a standard-library threading server around `Portal.handle`."""

from __future__ import annotations

import logging
import re
import shutil
import threading
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rekap.portal.routes import ALLOWED_METHODS, Portal, Response

log = logging.getLogger("rekap.portal")

# The portal's own pages: no script at all, styles only from /aset/portal.css (bar widths are
# classes, not style attributes), no framing, no forms, no <base>.
PAGE_CSP = ("default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
# The HTML reports of a release (laporan/…/*.html) are self-contained documents with their
# stylesheet in a <style> element (the same file WeasyPrint prints), part of the release and its
# SHA-256: they may use that inline style, still no script, and open sandboxed (a unique origin).
DOCUMENT_CSP = ("default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox")
SECURITY_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
CHUNK = 1 << 20
DRAIN_LIMIT = 1 << 16  # a refused request's body is read (up to this) so the client gets its 405
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


# The pages worth keeping once rendered: a release's page and its unit pages. A published release
# never changes, so such a page depends only on its target and on which release is `latest` (the
# "terbaru" badge). Only these exact shapes (no query string), nothing read from outside the
# release (the release list, rekonsiliasi, downloads, redirects, errors are never kept).
CACHEABLE = re.compile(r"/rilis/(?!latest/)[A-Za-z0-9][A-Za-z0-9_-]{0,99}/(?:[a-z]+-[0-9]{2,4}/[0-9]{2,13})?")
PAGE_CACHE_BYTES = 32 << 20
PAGE_MAX_BYTES = 1 << 20


class PageCache:
    """Rendered pages of published releases, least recently used dropped first, bounded in bytes.

    On an election night most readers open the same few pages (the province, its kab/kota);
    rendering one costs a few DuckDB queries and a template, serving it again costs nothing."""

    def __init__(self, max_bytes: int = PAGE_CACHE_BYTES):
        self.max_bytes = max_bytes
        self.size = 0
        self._pages: OrderedDict[tuple[str, str | None], Response] = OrderedDict()
        self._lock = threading.Lock()

    def answer(self, portal: Portal, method: str, target: str) -> Response:
        if method not in ("GET", "HEAD") or not CACHEABLE.fullmatch(target):
            return portal.handle(method, target)
        key = (target, portal.releases.latest_id())
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
                return page
        page = portal.handle(method, target)
        if page.status != 200 or page.file is not None or len(page.body) > PAGE_MAX_BYTES:
            return page
        with self._lock:
            if key not in self._pages:
                self._pages[key] = page
                self.size += len(page.body)
                while self.size > self.max_bytes and self._pages:
                    _, dropped = self._pages.popitem(last=False)
                    self.size -= len(dropped.body)
        return page


def make_handler(portal: Portal, *, quiet: bool = False,
                 cache: PageCache | None = None) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to `portal`: GET and HEAD answered, every other method 405;
    release and unit pages kept in `cache` when one is given."""

    class PortalHandler(BaseHTTPRequestHandler):
        server_version = "rekap-portal"
        sys_version = ""
        protocol_version = "HTTP/1.0"
        # http.server answers a request line it cannot parse (or an HTTP/0.9 one) the 0.9 way, a
        # bare body without status line or headers; answer it as 1.0, with the security headers
        default_request_version = "HTTP/1.0"
        timeout = 60

        def do_GET(self) -> None:  # noqa: N802
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def _refuse(self) -> None:
            self.close_connection = True
            self._drain_body()
            self._send(portal.handle(self.command, self.path), send_body=True)

        def _drain_body(self) -> None:
            # closing with an unread body makes the kernel reset the connection, and the client
            # may lose the 405 before reading it; a body above the limit is simply cut off
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                return
            if 0 < length <= DRAIN_LIMIT:
                try:
                    self.rfile.read(length)
                except OSError:
                    pass

        def __getattr__(self, name: str):
            # any other method (POST, PUT, DELETE, PATCH, OPTIONS, TRACE, made-up ones) → 405
            if name.startswith("do_"):
                return self._refuse
            raise AttributeError(name)

        def _answer(self, *, send_body: bool) -> None:
            if cache is not None:
                response = cache.answer(portal, self.command, self.path)
            else:
                response = portal.handle(self.command, self.path)
            self._send(response, send_body=send_body)

        def _send(self, response: Response, *, send_body: bool) -> None:
            try:
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(response.content_length))
                headers = dict(SECURITY_HEADERS)
                if response.file is not None and response.content_type.startswith("text/html"):
                    headers["Content-Security-Policy"] = DOCUMENT_CSP
                for name, value in {**headers, **response.headers}.items():
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


class PortalHTTPServer(ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops connections when tens of clients arrive at once
    # (each retried only after a second): room for a burst of clients instead
    request_queue_size = 128


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000, *, quiet: bool = False,
                cache_size: int = 3, threads: int | None = None,
                page_cache_bytes: int = PAGE_CACHE_BYTES) -> ThreadingHTTPServer:
    """A ready (bound, not yet serving) portal server over OUT/releases; port 0 picks a free port.
    `cache_size` releases' data are kept loaded, and up to `page_cache_bytes` of rendered pages (0: none)."""
    portal = Portal(Path(out), cache_size=cache_size, threads=threads)
    cache = PageCache(page_cache_bytes) if page_cache_bytes > 0 else None
    server = PortalHTTPServer((host, port), make_handler(portal, quiet=quiet, cache=cache))
    server.daemon_threads = True
    server.portal = portal  # type: ignore[attr-defined]
    server.page_cache = cache  # type: ignore[attr-defined]
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
