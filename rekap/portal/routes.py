"""The portal as a function of (method, request target) → response: routing, downloads, rendering.

Kept free of sockets so that tests and the HTTP handler (`rekap.portal.server`) share it. Pages
(`rekap.portal.pages`):

    /                                                  releases, newest first
    /rilis/<id>/                                       the contests of a release
    /rilis/<id>/rekonsiliasi                           the release against second sources (rekap reconcile)
    /rilis/<id>/<jenis>-<kode_kontes>/<kode_wilayah>   a unit: provinsi → kabkota → kecamatan → desa → TPS
    /rilis/<id>/<jenis>-<kode_kontes>/<kode_wilayah>/asal/<kolom>
                                                       asal angka: the TPS forms behind one figure
                                                       (rekap.explain; kolom suara-<n> or e.g. suara_sah)
    /unduh/<id>/<path inside the release>              a file of the release
    /rilis/latest/…, /unduh/latest/…                   redirect to the release OUT/latest points at
"""

from __future__ import annotations

import logging
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from rekap.paths import resource_dir
from rekap.portal import format as fmt
from rekap.portal.pages import NotFound, Pages
from rekap.portal.views import link
from rekap.published.releases import SEGMENT, Releases, ReleaseUnreadable

log = logging.getLogger("rekap.portal")

ALLOWED_METHODS = ("GET", "HEAD")

CONTEST = re.compile(r"([a-z]+)-([0-9]{2}|[0-9]{4})")
REGION = re.compile(r"[0-9]{2,13}")

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
INLINE = {".html", ".htm"}  # opened in the browser (under the portal's CSP); the rest download

@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # streamed instead of `body`
    length: int | None = None

    @property
    def content_length(self) -> int:
        return self.length if self.length is not None else len(self.body)


class Portal:
    """Answers requests for the releases under `out` (OUT/releases only)."""

    def __init__(self, out: Path, *, cache_size: int = 3, threads: int | None = None):
        self.releases = Releases(Path(out), cache_size=cache_size, threads=threads)
        self.pages = Pages(self.releases)
        self.templates = resource_dir("templates") / "portal"
        self.env = Environment(
            loader=FileSystemLoader(str(self.templates)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(fmt.FILTERS)

    # --- entry point ------------------------------------------------------------------------

    def handle(self, method: str, target: str) -> Response:
        if method not in ALLOWED_METHODS:
            return self.error(405, "Metode tidak diizinkan",
                              "Portal ini hanya dapat dibaca: gunakan GET atau HEAD.",
                              headers={"Allow": ", ".join(ALLOWED_METHODS)})
        try:
            segments, trailing = parse_target(target)
            return self.route(segments, trailing)
        except NotFound:
            return self.not_found()
        except ReleaseUnreadable as err:
            log.error("rilis tidak dapat dibaca: %s", err)
            return self.error(500, "Rilis tidak dapat dibaca",
                              "Berkas data rilis ini tidak dapat dibaca. Hubungi pengelola portal.")
        except Exception:  # noqa: BLE001 - a page, never a traceback
            log.exception("galat saat melayani %r", target)
            return self.error(500, "Terjadi kesalahan",
                              "Halaman ini tidak dapat ditampilkan karena kesalahan internal.")

    def route(self, seg: list[str], trailing: bool) -> Response:
        if not seg:
            return self.show(*self.pages.index())
        head, rest = seg[0], seg[1:]
        if head == "aset" and rest == ["portal.css"]:
            return self.asset("portal.css")
        if head == "favicon.ico" and not rest:  # browsers ask on every report page; nothing to show
            return Response(204, content_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"})
        if head == "rilis":
            if not rest:
                return redirect("/")
            rid = self.resolve(rest[0])
            if rid != rest[0]:
                return redirect(link("rilis", rid, *rest[1:], trailing=trailing or len(rest) == 1),
                                temporary=True)
            if len(rest) == 1:
                return self.show(*self.pages.release_page(rid))
            if rest[1:] == ["rekonsiliasi"]:
                return self.show(*self.pages.reconcile_page(rid))
            jenis, kode_kontes = contest_of(rest[1])
            if len(rest) == 2:
                return redirect(link("rilis", rid, rest[1], kode_kontes))
            if len(rest) == 3 and REGION.fullmatch(rest[2]):
                return self.show(*self.pages.unit_page(rid, jenis, kode_kontes, rest[2]))
            if len(rest) == 5 and REGION.fullmatch(rest[2]) and rest[3] == "asal":
                return self.show(*self.pages.explain_page(rid, jenis, kode_kontes, rest[2], rest[4]))
            raise NotFound
        if head == "unduh" and len(rest) >= 2:
            rid = self.resolve(rest[0])
            if rid != rest[0]:
                return redirect(link("unduh", rid, *rest[1:]), temporary=True)
            return self.download(rid, rest[1:])
        raise NotFound

    def resolve(self, rid: str) -> str:
        if rid == "latest":
            latest = self.releases.latest_id()
            if latest is None:
                raise NotFound
            return latest
        if self.releases.release_dir(rid) is None:
            raise NotFound
        return rid

    def download(self, rid: str, parts: list[str]) -> Response:
        path = self.releases.file(rid, parts)
        if path is None:
            raise NotFound
        suffix = Path(parts[-1]).suffix.lower()
        ctype = CONTENT_TYPES.get(suffix) or mimetypes.types_map.get(suffix) or "application/octet-stream"
        if ctype.startswith("text/") and "charset" not in ctype:
            ctype += "; charset=utf-8"
        name = parts[-1]  # SEGMENT-checked: plain ASCII, no quotes
        disposition = "inline" if suffix in INLINE else "attachment"
        headers = {"Content-Disposition": f'{disposition}; filename="{name}"',
                   "Cache-Control": "public, max-age=86400, immutable"}
        return Response(200, content_type=ctype, headers=headers, file=path, length=path.stat().st_size)

    def asset(self, name: str) -> Response:
        body = (self.templates / name).read_bytes()
        return Response(200, body, "text/css; charset=utf-8", {"Cache-Control": "public, max-age=3600"})

    # --- rendering --------------------------------------------------------------------------

    def show(self, template: str, context: dict[str, Any]) -> Response:
        """A page of `rekap.portal.pages`, rendered."""
        html = self.env.get_template(template).render(**context)
        return Response(200, html.encode("utf-8"), headers={"Cache-Control": "no-cache"})

    def not_found(self) -> Response:
        return self.error(404, "Tidak ditemukan",
                          "Halaman atau berkas yang diminta tidak ada di rilis yang diterbitkan.")

    def error(self, status: int, title: str, message: str, headers: dict[str, str] | None = None) -> Response:
        try:
            html = self.env.get_template("galat.html").render(judul=title, pesan=message, kode=status, jejak=[])
            body, ctype = html.encode("utf-8"), "text/html; charset=utf-8"
        except Exception:  # noqa: BLE001
            log.exception("halaman galat tidak dapat dibuat")
            body, ctype = f"{status} {title}\n{message}\n".encode("utf-8"), "text/plain; charset=utf-8"
        return Response(status, body, ctype, {"Cache-Control": "no-store", **(headers or {})})


# --- request target -------------------------------------------------------------------------

def parse_target(target: str) -> tuple[list[str], bool]:
    """The decoded path segments of a request target, each a plain SEGMENT; else NotFound.

    Splitting happens before decoding, every segment is decoded once as strict UTF-8 and must
    then be a plain name: encoded dots or slashes, double encoding (`%252e`), overlong UTF-8
    (`%c0%ae`), NUL, backslashes, empty segments (`//etc/passwd`) and absolute URLs all fail."""
    if not target.startswith("/") or any(c in target for c in "\\\x00\r\n\t "):
        raise NotFound
    path = target.split("#", 1)[0].split("?", 1)[0]
    raw = path[1:].split("/")
    trailing = len(raw) > 1 and raw[-1] == ""
    if raw == [""]:
        return [], False
    if trailing:
        raw.pop()
    segments = []
    for part in raw:
        try:
            decoded = unquote(part, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise NotFound from None
        if not SEGMENT.fullmatch(decoded):
            raise NotFound
        segments.append(decoded)
    return segments, trailing


def contest_of(segment: str) -> tuple[str, str]:
    m = CONTEST.fullmatch(segment)
    if not m:
        raise NotFound
    return m.group(1), m.group(2)


def redirect(location: str, *, temporary: bool = False) -> Response:
    body = f'<!doctype html><meta charset="utf-8"><title>Dialihkan</title><p>Lihat <a href="{location}">{location}</a>.</p>'
    return Response(302 if temporary else 301, body.encode("utf-8"),
                    headers={"Location": location, "Cache-Control": "no-store" if temporary else "max-age=3600"})
