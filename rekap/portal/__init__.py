"""A read-only web portal over the published releases (OUT/releases/<id>/…), never the live database.

    serve(out, host="127.0.0.1", port=8000)   # blocking; `rekap portal --out OUT` calls it
    make_server(out, host, port)             # a bound ThreadingHTTPServer (tests: port 0)
    make_handler(Portal(out))                # the request handler class
    Portal(out).handle("GET", "/rilis/latest/")  # the whole app without sockets
"""

from __future__ import annotations

from rekap.portal.routes import Portal, Response
from rekap.portal.server import make_handler, make_server, serve

__all__ = ["Portal", "Response", "make_handler", "make_server", "serve"]
