"""Portal hardening, proven by brute force: a path fuzzer, methods, security headers, strict CSP.

The fuzzer crosses every traversal encoding we know of (plain `../`, `%2e%2e`, double encoding,
backslashes, overlong UTF-8, fullwidth dots, NUL, `..;/`, absolute paths, absolute-form URIs)
with every starting point a request can have (a release, its data folder, `latest`, the release
list, a contest page, the stylesheet) and every file worth stealing: /etc/passwd, the run
database OUT/rekap.duckdb, the lock OUT/.kunci, a secret next to OUT, the manifest of a folder
that looks like a release but is not one. Symlinks (file, folder, relative, absolute, a loop) and
a FIFO are planted inside a release. Every answer must be 404 (400 for a request line http.server
cannot parse), carry the security headers, and contain none of the planted secrets. Requests go
out over a raw socket, byte for byte (http.client would normalise some of them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
from pathlib import Path

import pytest

from test_portal import Reply, Site, publish_release, raw_request, running_server
from rekap.portal import Portal
from rekap.portal.server import DOCUMENT_CSP, PAGE_CSP

PASSWD_MARKERS = ("root:x:0:0", "root:*:0:0", "/usr/sbin/nologin", "daemon:")
SECRETS = {  # planted file (relative to the fixture's base folder) → its unique content
    "out/rekap.duckdb": "DUCK-BOCOR-basis-data-kerja",
    "out/.kunci": "BOCOR-kunci-proses-4711",
    "out/rahasia.txt": "BOCOR-rahasia-di-OUT",
    "rahasia.txt": "BOCOR-rahasia-di-samping-OUT",
    "lain/manifest.json": '{"release_id": "lain", "BOCOR": "manifest-folder-lain"}',
    "out/.work/run-1-abcdef12/manifest.json": '{"BOCOR": "manifest-staging"}',
}
OTHER_ID = "0000000000000001"  # a second release, so "another release's file" is a target too
FAKE_REPORT = (b'<!doctype html><html><head><meta charset="utf-8"><style>body{color:#111}</style></head>'
               b"<body><p>laporan uji</p></body></html>")


# --- the site: one release, planted secrets and symlinks ------------------------------------

@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    out, rid = publish_release(base)
    releases = out / "releases"
    release = releases / rid
    for rel, content in SECRETS.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and rel == "out/rekap.duckdb":  # the real run database: leave it, mark a copy
            path = base / "out" / "rekap-salinan.duckdb"
        path.write_text(content)
    # "lain" looks like a release (manifest + data) but lives outside OUT/releases
    shutil.copytree(release / "data", base / "lain" / "data")
    shutil.copytree(release, releases / OTHER_ID)
    (release / "laporan" / "pkwkk-6471").mkdir(parents=True, exist_ok=True)
    (release / "laporan" / "pkwkk-6471" / "penetapan.html").write_bytes(FAKE_REPORT)

    plants = {  # inside the release: name → where it points
        "data/bocor.csv": "/etc/passwd",
        "data/db.csv": str(out / "rekap.duckdb"),
        "data/kunci.csv": "../../../.kunci",
        "data/lain.csv": f"../../{OTHER_ID}/data/hasil.csv",  # inside OUT/releases, outside this release
        "rahasia.txt": "../../rahasia.txt",
        "samping.txt": str(base / "rahasia.txt"),
        "luar": "/etc",
        "atas": "../..",
        "kerja": "../../.work",
        "tetangga": f"../{OTHER_ID}",
        "laporan/naik": "../..",
        "putar-a": "putar-b",
        "putar-b": "putar-a",
    }
    for name, target in plants.items():
        (release / name).symlink_to(target)
    os.mkfifo(release / "data" / "pipa.csv")  # never opened: it would block forever
    (release / ".tersembunyi").write_text(SECRETS["out/rahasia.txt"])
    for name, target in {"jahat": "/etc", "atas": "..", "luar-rilis": str(base / "lain"),
                         "kerja": "../.work/run-1-abcdef12"}.items():
        (releases / name).symlink_to(target)

    with running_server(out) as (_server, url, host, port):
        yield Site(out, rid, release, url, host, port)


# --- the fuzzer ------------------------------------------------------------------------------

# one step up, in every spelling; each ends where the next segment starts
UP = [
    "../", "..%2f", "..%2F", "%2e%2e/", "%2E%2E/", ".%2e/", "%2e./", "%2e%2e%2f", "%2E%2E%2F",
    "%252e%252e/", "%252e%252e%252f", "..%252f", "%25252e%25252e/",
    "..\\", "..%5c", "%2e%2e%5c", "..%255c",
    "%c0%ae%c0%ae/", "%c0%ae%c0%ae%c0%af", "..%c0%af", "..%c1%9c", "%e0%80%ae%e0%80%ae/", "%c0%2e%c0%2e/",
    "%f0%80%80%ae%f0%80%80%ae/", "%ef%bc%8e%ef%bc%8e/", "%uff0e%uff0e/", "..%u2215", "..%e2%88%95",
    "..%00/", "%00../", "..;/", "....//", ".../", "./../", "..%20/", "..%09/",
]
# where a request can start from ({id} is the release)
STARTS = ["/unduh/{id}/", "/unduh/{id}/data/", "/unduh/latest/", "/unduh/", "/rilis/{id}/",
          "/rilis/{id}/pkwkk-6471/", "/aset/", "/"]
DEPTH = 16  # enough "up" to reach / from any folder of the fixture
ABSOLUTE = ["/unduh/{id}/{abs}", "/unduh/{id}/%2f{abs_enc}", "/unduh/{id}/%252f{abs_enc}",
            "/unduh/{id}/file:%2f%2f%2f{abs_enc}", "/unduh/{id}/data/..%2f{abs_enc}", "/{abs}", "//{abs}",
            "/unduh/{id}/%5c{abs_bs}", "/unduh/{id}/C:%5c{abs_bs}"]


def targets(base: Path) -> dict[str, str]:
    """What a traversal may try to reach: name → path relative to the filesystem root."""
    return {
        "passwd": "etc/passwd",
        "rekap.duckdb": str(base / "out" / "rekap.duckdb").lstrip("/"),
        ".kunci": str(base / "out" / ".kunci").lstrip("/"),
        "rahasia OUT": str(base / "out" / "rahasia.txt").lstrip("/"),
        "rahasia samping OUT": str(base / "rahasia.txt").lstrip("/"),
        "manifest lain": str(base / "lain" / "manifest.json").lstrip("/"),
        "manifest staging": str(base / "out" / ".work" / "run-1-abcdef12" / "manifest.json").lstrip("/"),
    }


def relative_targets() -> list[str]:
    """The same targets by their exact distance from a release folder (and one level more)."""
    return ["../../rekap.duckdb", "../../.kunci", "../../rahasia.txt", "../../../rahasia.txt",
            "../../../lain/manifest.json", "../../.work/run-1-abcdef12/manifest.json",
            f"../{OTHER_ID}/manifest.json", "../../../../rahasia.txt"]


def encode_up(path: str, up: str) -> str:
    """`path` with each `../` written as `up`, and any other slash written like `up` writes its own."""
    sep = {"%2f": "%2f", "%2F": "%2F", "%2e%2e%2f": "%2f", "%2E%2E%2F": "%2F", "%252e%252e%252f": "%252f",
           "%c0%ae%c0%ae%c0%af": "%c0%af", "..%c0%af": "%c0%af", "..%c1%9c": "%c1%9c", "..%5c": "%5c",
           "%2e%2e%5c": "%5c", "..%255c": "%255c", "..\\": "\\", "..%2f": "%2f", "..%2F": "%2F",
           "..%252f": "%252f", "..%u2215": "%u2215", "..%e2%88%95": "%e2%88%95"}.get(up, "/")
    parts = path.split("/")
    rest = [p for p in parts if p != ".."]
    return up * (len(parts) - len(rest)) + sep.join(rest)


def fuzz_paths(rid: str, base: Path) -> list[str]:
    paths: list[str] = []
    for start in STARTS:
        start = start.replace("{id}", rid)
        for up in UP:
            for target in targets(base).values():
                paths.append(start + encode_up("../" * DEPTH + target, up))
            if "{" not in start and start.startswith(f"/unduh/{rid}/"):
                for rel in relative_targets():
                    paths.append(start + encode_up(rel, up))
    for template in ABSOLUTE:
        for target in targets(base).values():
            paths.append(template.replace("{id}", rid).replace("{abs}", target)
                         .replace("{abs_enc}", target.replace("/", "%2f"))
                         .replace("{abs_bs}", target.replace("/", "%5c")))
    # "/unduh/{id}/" with "{id}" itself a traversal
    for up in UP:
        paths.append(f"/unduh/{encode_up('../../rahasia.txt', up)}")
        paths.append(f"/rilis/{encode_up('../../rahasia.txt', up)}/")
    return sorted(set(paths))


SYMLINKED = [
    "/unduh/{id}/data/bocor.csv", "/unduh/{id}/data/db.csv", "/unduh/{id}/data/kunci.csv",
    "/unduh/{id}/data/lain.csv", "/unduh/{id}/rahasia.txt", "/unduh/{id}/samping.txt",
    "/unduh/{id}/luar/passwd", "/unduh/{id}/atas/rahasia.txt", "/unduh/{id}/atas/rekap.duckdb",
    "/unduh/{id}/atas/.kunci", "/unduh/{id}/kerja/run-1-abcdef12/manifest.json",
    "/unduh/{id}/tetangga/manifest.json", "/unduh/{id}/tetangga/data/hasil.csv",
    "/unduh/{id}/laporan/naik/rahasia.txt", "/unduh/{id}/laporan/naik/" + OTHER_ID + "/manifest.json",
    "/unduh/{id}/putar-a", "/unduh/{id}/putar-b", "/unduh/{id}/data/pipa.csv", "/unduh/{id}/.tersembunyi",
    "/unduh/jahat/passwd", "/rilis/jahat/", "/unduh/atas/rahasia.txt", "/unduh/atas/rekap.duckdb",
    "/unduh/luar-rilis/manifest.json", "/unduh/luar-rilis/data/hasil.csv", "/rilis/luar-rilis/",
    "/rilis/luar-rilis/pkwkk-6471/6471", "/unduh/kerja/manifest.json", "/rilis/kerja/",
]


def assert_refused(reply: Reply, target) -> None:
    assert reply.status in (400, 404), (target, reply.status)
    text = reply.text
    for marker in PASSWD_MARKERS:
        assert marker not in text, target
    for secret in SECRETS.values():
        assert secret not in text, target
    assert "BOCOR" not in text and not reply.body.startswith(b"DUCK"), target
    assert "Traceback" not in text and 'File "' not in text, target
    assert reply.headers.get("content-security-policy") == PAGE_CSP, target
    assert reply.headers.get("x-content-type-options") == "nosniff", target


def test_fuzzed_paths_are_all_404_and_leak_nothing(fuzz_site):
    base = fuzz_site.out.parent
    paths = fuzz_paths(fuzz_site.rid, base)
    assert len(paths) >= 1000  # the report quotes this number
    statuses: dict[int, int] = {}
    for target in paths:
        reply = raw_request(fuzz_site, target)
        assert_refused(reply, target)
        statuses[reply.status] = statuses.get(reply.status, 0) + 1
    assert statuses.get(404, 0) >= len(paths) - 50  # 400 only for what http.server cannot parse


def test_the_fuzzer_would_see_a_leak(fuzz_site):
    """Controls: encoded but harmless paths are served, so the 404s above are the rule, not a broken server."""
    rid = fuzz_site.rid
    hasil = (fuzz_site.release / "data" / "hasil.csv").read_bytes()
    for target in (f"/unduh/{rid}/data/hasil.csv", f"/unduh/{rid}/data/%68asil.csv",
                   f"/unduh/{rid}/%64ata/hasil%2ecsv"):
        reply = raw_request(fuzz_site, target)
        assert reply.status == 200 and reply.body == hasil, target
    # and the planted files really hold the secrets the fuzzer looks for
    assert SECRETS["out/rahasia.txt"] in (fuzz_site.out / "rahasia.txt").read_text()
    assert "root:" in Path("/etc/passwd").read_text()
    assert (fuzz_site.release / "tetangga" / "manifest.json").is_file()  # the symlinks resolve


@pytest.mark.parametrize("target", SYMLINKED)
def test_symlinks_fifo_and_hidden_files_in_a_release_are_404(fuzz_site, target):
    assert_refused(raw_request(fuzz_site, target.replace("{id}", fuzz_site.rid)), target)


RAW_TARGETS = [  # sent byte for byte: what http.client would refuse or rewrite
    b"/unduh/{id}/data/hasil.csv\x00.html",
    b"/unduh/{id}/\x00/../../rahasia.txt",
    b"/unduh/{id}/\xc0\xae\xc0\xae/\xc0\xae\xc0\xae/rahasia.txt",
    b"/unduh/{id}/\xc0\xae\xc0\xae\xc0\xaf\xc0\xae\xc0\xae\xc0\xafrahasia.txt",
    b"/unduh/{id}/\xef\xbc\x8e\xef\xbc\x8e/\xef\xbc\x8e\xef\xbc\x8e/rahasia.txt",
    b"/unduh/{id}/..\\..\\rahasia.txt",
    b"/unduh/{id}\\..\\..\\rahasia.txt",
    b"\\unduh\\{id}\\..\\..\\rahasia.txt",
    b"/unduh/{id}/../../rahasia.txt#/data/hasil.csv",
    b"/unduh/{id}/../../rahasia.txt?/data/hasil.csv",
    b"/unduh/{id}/data/hasil.csv/../../../rahasia.txt",
    b"http://127.0.0.1/unduh/{id}/../../rahasia.txt",
    b"http://x/../",
    b"http://x/../../../../../../etc/passwd",
    b"http://127.0.0.1:1/unduh/{id}/%2e%2e/%2e%2e/rahasia.txt",
    b"https://evil.example/unduh/{id}/data/bocor.csv",
    b"//127.0.0.1/unduh/{id}/../../rahasia.txt",
    b"file:///etc/passwd",
    b"../../../../etc/passwd",
    b"..%2f..%2f..%2fetc%2fpasswd",
    b"*",
    b"127.0.0.1:80",
    b"/unduh/{id}/\r/../../rahasia.txt",
    b"/unduh/{id}/\t/../../rahasia.txt",
    b"/unduh/{id}/\x7f/../../rahasia.txt",
    b"/unduh/{id}/\xff\xfe/../../rahasia.txt",
]


@pytest.mark.parametrize("target", RAW_TARGETS)
def test_raw_request_lines_are_refused(fuzz_site, target):
    assert_refused(raw_request(fuzz_site, target.replace(b"{id}", fuzz_site.rid.encode())), target)


def raw_exchange(site: Site, request: bytes) -> Reply:
    with socket.create_connection((site.host, site.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return Reply(int(lines[0].split()[1]), headers, body)


def test_malformed_request_lines_are_400_with_headers(fuzz_site):
    for request in (b"GET /../../etc/passwd HTTP/1.1 tambahan\r\n\r\n",  # too many words
                    b"GET\r\n\r\n",
                    b"GET / HTTP/x.y\r\n\r\n",
                    b"GET /unduh/%s/../../rahasia.txt HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n"):
        reply = raw_exchange(fuzz_site, request.replace(b"%s", fuzz_site.rid.encode()))
        assert 400 <= reply.status < 500, request
        assert_refused_body_and_headers(reply, request)
    # a request line too long for http.server: 414, still the portal's headers
    reply = raw_exchange(fuzz_site, b"GET /" + b"../" * 30000 + b"etc/passwd HTTP/1.1\r\n\r\n")
    assert reply.status == 414
    assert_refused_body_and_headers(reply, "long")


def assert_refused_body_and_headers(reply: Reply, what) -> None:
    for secret in (*SECRETS.values(), *PASSWD_MARKERS):
        assert secret not in reply.text, what
    assert reply.headers.get("content-security-policy") == PAGE_CSP, what
    assert reply.headers.get("x-frame-options") == "DENY", what


def test_latest_pointing_outside_is_refused(fuzz_site, tmp_path):
    """An OUT whose `latest` points outside its releases: at a look-alike folder, at another OUT's release."""
    for target in (fuzz_site.out.parent / "lain", fuzz_site.release, Path("/etc")):
        out = tmp_path / f"out-{target.name}"
        (out / "releases").mkdir(parents=True)
        (out / "latest").symlink_to(target)
        portal = Portal(out)
        for path in ("/rilis/latest/", "/unduh/latest/manifest.json", "/unduh/latest/data/hasil.csv",
                     "/unduh/latest/passwd"):
            assert portal.handle("GET", path).status == 404, (target, path)
        index = portal.handle("GET", "/")
        assert index.status == 200 and b"BOCOR" not in index.body and b"/rilis/" not in index.body


def test_planted_things_are_not_listed(fuzz_site):
    pages = [raw_request(fuzz_site, "/").text, raw_request(fuzz_site, f"/rilis/{fuzz_site.rid}/").text]
    for page in pages:
        for name in ("bocor", "db.csv", "kunci", "lain.csv", "pipa", "rahasia", "samping", "tersembunyi",
                     "luar-rilis", "jahat", "tetangga", "putar", "/rilis/atas/", "/rilis/kerja/"):
            assert name not in page, name


# --- methods ---------------------------------------------------------------------------------

METHODS = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "COPY",
           "MOVE", "LOCK", "UNLOCK", "SEARCH", "PURGE", "LINK", "DEBUG", "BREW", "get", "head", "GETS", "X"]


@pytest.mark.parametrize("method", METHODS)
def test_every_other_method_is_405_with_allow(fuzz_site, method):
    rid = fuzz_site.rid
    hasil = fuzz_site.release / "data" / "hasil.csv"
    before = hasil.read_bytes()
    for target in ("/", f"/unduh/{rid}/data/hasil.csv", f"/rilis/{rid}/pkwkk-6471/6471", "/tidak/ada",
                   "/unduh/latest/../../rahasia.txt", "*"):
        reply = raw_request(fuzz_site, target, method=method, body=b"suara=999999" * 100)
        assert reply.status == 405, (method, target, reply.status)
        assert reply.headers["allow"] == "GET, HEAD"
        assert reply.headers["content-security-policy"] == PAGE_CSP
        assert "Metode tidak diizinkan" in reply.text and "Traceback" not in reply.text
        assert SECRETS["out/rahasia.txt"] not in reply.text
    assert hasil.read_bytes() == before


def test_connect_authority_form_is_405(fuzz_site):
    reply = raw_exchange(fuzz_site, b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n")
    assert reply.status == 405 and reply.headers["allow"] == "GET, HEAD"


# --- headers on every kind of response, and a CSP the pages actually obey --------------------

def test_security_headers_on_every_status(fuzz_site):
    rid = fuzz_site.rid
    broken = fuzz_site.out / "releases" / "0000000000000009"
    if not broken.exists():
        shutil.copytree(fuzz_site.out / "releases" / OTHER_ID / "data", broken / "data")
        manifest = json.loads((fuzz_site.release / "manifest.json").read_text())
        (broken / "manifest.json").write_text(json.dumps({**manifest, "release_id": broken.name}))
        (broken / "data" / "hasil.csv").write_text("bukan,hasil\n1\n")
    cases = {
        ("GET", "/"): 200,
        ("GET", f"/rilis/{rid}/pkwkk-6471/647101"): 200,
        ("GET", f"/unduh/{rid}/data/hasil.csv"): 200,
        ("HEAD", f"/unduh/{rid}/manifest.json"): 200,
        ("GET", "/aset/portal.css"): 200,
        ("GET", "/favicon.ico"): 204,
        ("GET", f"/rilis/{rid}/pkwkk-6471"): 301,
        ("GET", "/rilis/latest/"): 302,
        ("GET", "/tidak/ada"): 404,
        ("DELETE", "/"): 405,
        ("GET", f"/rilis/{broken.name}/"): 500,
    }
    for (method, target), status in cases.items():
        reply = raw_request(fuzz_site, target, method=method)
        assert reply.status == status, (method, target, reply.status)
        h = reply.headers
        assert h["content-security-policy"] == PAGE_CSP, target
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"
        assert h["x-frame-options"] == "DENY"
        assert h["cross-origin-opener-policy"] == "same-origin"
        assert h["cross-origin-resource-policy"] == "same-origin"
        assert "camera=()" in h["permissions-policy"]
        assert h["server"] == "rekap-portal" and "Python" not in h["server"]


def test_csp_forbids_script_inline_style_and_framing():
    directives = dict(d.strip().split(" ", 1) for d in PAGE_CSP.split(";"))
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'none'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in PAGE_CSP and "unsafe-eval" not in DOCUMENT_CSP
    document = dict((d.strip().split(" ", 1) + [""])[:2] for d in DOCUMENT_CSP.split(";"))
    assert document["script-src"] == "'none'" and "sandbox" in document
    assert document["frame-ancestors"] == "'none'"


def test_release_html_reports_open_sandboxed_with_their_own_style(fuzz_site):
    reply = raw_request(fuzz_site, f"/unduh/{fuzz_site.rid}/laporan/pkwkk-6471/penetapan.html")
    assert reply.status == 200 and reply.body == FAKE_REPORT
    assert reply.headers["content-security-policy"] == DOCUMENT_CSP
    assert reply.headers["content-disposition"].startswith("inline")
    csv_reply = raw_request(fuzz_site, f"/unduh/{fuzz_site.rid}/data/hasil.csv")
    assert csv_reply.headers["content-security-policy"] == PAGE_CSP
    assert csv_reply.headers["content-disposition"].startswith("attachment")


def test_pages_need_nothing_the_csp_refuses(fuzz_site):
    """No script, no inline style (element or attribute), no event handler, nothing from elsewhere;
    every bar-width class a page uses exists in portal.css."""
    rid = fuzz_site.rid
    css = raw_request(fuzz_site, "/aset/portal.css").text
    for target in ("/", f"/rilis/{rid}/", f"/rilis/{rid}/pkwkp-64/64", f"/rilis/{rid}/pkwkk-6471/647101",
                   f"/rilis/{rid}/pkwkk-6471/6471021001", f"/rilis/{rid}/pkwkk-6471/6471021001001",
                   f"/rilis/{rid}/pkwkk-6471/647101/asal/suara-1", f"/rilis/{rid}/rekonsiliasi", "/tidak/ada"):
        reply = raw_request(fuzz_site, target)
        page = reply.text.lower()
        assert reply.status in (200, 404), target
        assert "<script" not in page and "<style" not in page and " style=" not in page, target
        assert not re.search(r"\son[a-z]+\s*=", page), target
        assert "javascript:" not in page and "http://" not in page and "https://" not in page, target
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/aset/portal.css"], target
        for width in set(re.findall(r"\bw-(\d+)\b", page)):
            assert f".w-{width} {{ width: {width}%; }}" in css, (target, width)
