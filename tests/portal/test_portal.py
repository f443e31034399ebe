"""The read-only portal over published releases: pages, drill-down, figures against hasil.csv, held
TPS with their reasons, downloads, and the security rules (GET/HEAD only, nothing outside
OUT/releases in any encoding, planted symlinks, escaped names, headers, plain error pages).

One small release is recapped without Prefect (two contests, a TPS held by a broken form, a TPS
whose form never came, a pair named `<script>alert(1)</script>`); a real HTTP server runs on a
free port in a thread for the module and is shut down after it.
"""

from __future__ import annotations

import csv
import html
import inspect
import json
import re
import shutil
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builders import Package, form
from rekap.stages.walk import recap_in_process
from rekap.findings import angka
from rekap.portal import Portal, make_server, serve
from rekap.settings import RecapSettings

SCRIPT_NAME = "<script>alert(1)</script>"
SECRET = "RAHASIA-JANGAN-BOCOR-4711"
PASSWD_MARKERS = ("root:x:0:0", "root:*:0:0", "/bin/sh", "/usr/sbin/nologin", "daemon:")
OLD_ID = "0000000000000001"  # an older release (a copy with an earlier manifest time)
BROKEN_ID = "0000000000000000"  # a release whose hasil.csv cannot be read
FAKE_PDF = b"%PDF-1.4\n% laporan uji portal\n%%EOF\n"


# --- the release under test ---------------------------------------------------------------

def election_package(folder: Path) -> Path:
    pkg = (Package()
           .contest("pkwkp", "64", [SCRIPT_NAME, "GUB DUA"])
           .contest("pkwkk", "6471", ["WALI SATU", "WALI DUA"]))
    voters = (400, 400)
    for kode in ("6471011001001", "6471011001002", "6471021001001", "6471021001002"):
        pkg.station(kode, dpt=voters)
    pkg.submit(form("6471011001001", "pkwkp", {1: 512, 2: 230}, dpt=voters))
    pkg.submit(form("6471011001001", "pkwkk", {1: 480, 2: 262}, dpt=voters))
    pkg.submit(form("6471011001002", "pkwkp", {1: 601, 2: 158}, dpt=voters))
    pkg.submit(form("6471011001002", "pkwkk", {1: 333, 2: 426}, dpt=voters))
    pkg.submit(form("6471021001001", "pkwkp", {1: 210, 2: 190}, dpt=voters))
    # a broken form: held at TPS level with the reason in pengecualian.csv
    pkg.submit(form("6471021001001", "pkwkk", {1: 205, 2: 195}, dpt=voters, suara_total=999))
    # 6471021001002 sends no form at all: held as "belum masuk"
    return pkg.write(folder)


@dataclass
class Site:
    out: Path
    rid: str
    release: Path
    url: str
    host: str
    port: int


@contextmanager
def running_server(out: Path):
    """The portal on a free port of 127.0.0.1, served from a thread; shut down on exit."""
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield server, f"http://{host}:{port}", host, port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def publish_release(base: Path, *, pdf: bool = False) -> tuple[Path, str]:
    out = base / "out"
    published = recap_in_process(RecapSettings(
        input_dir=election_package(base / "pkg"), out_dir=out, threads=2, memory_limit="1GB", pdf=pdf))
    return out, published.release_id


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("portal")
    out, rid = publish_release(base)
    release = out / "releases" / rid
    releases = out / "releases"

    # an older release: a copy with an earlier time in its manifest
    old = releases / OLD_ID
    shutil.copytree(release, old)
    manifest = json.loads((old / "manifest.json").read_text())
    manifest.update(release_id=OLD_ID, finished_at="2024-11-28T01:00:00+00:00", status="final")
    (old / "manifest.json").write_text(json.dumps(manifest))
    # a release whose data cannot be read: its pages are a plain 500, never a traceback
    broken = releases / BROKEN_ID
    shutil.copytree(release, broken)
    manifest.update(release_id=BROKEN_ID, finished_at="2024-11-27T01:00:00+00:00")
    (broken / "manifest.json").write_text(json.dumps(manifest))
    (broken / "data" / "hasil.csv").write_text("ini,bukan\nhasil\n")

    # a report file of kecamatan 647101 (the renderer may not exist yet; pdf=False makes none)
    laporan = release / "laporan" / "pkwkk-6471"
    laporan.mkdir(parents=True, exist_ok=True)
    (laporan / "kecamatan-647101.pdf").write_bytes(FAKE_PDF)

    # things that must never be served
    (out / "rahasia.txt").write_text(SECRET)
    (base / "rahasia.txt").write_text(SECRET)
    (release / "data" / "bocor.csv").symlink_to("/etc/passwd")
    (release / "rahasia.txt").symlink_to(out / "rahasia.txt")
    (release / "luar").symlink_to("/etc", target_is_directory=True)
    (release / "laporan" / "naik").symlink_to("../..", target_is_directory=True)
    (releases / "jahat").symlink_to("/etc", target_is_directory=True)
    (releases / "atas").symlink_to(out, target_is_directory=True)

    with running_server(out) as (_server, url, host, port):
        yield Site(out, rid, release, url, host, port)


# --- a tiny raw HTTP client: the target goes out byte for byte, unnormalised ----------------

@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def raw_request(site: Site, target: str | bytes, method: str = "GET", body: bytes = b"") -> Reply:
    target_bytes = target if isinstance(target, bytes) else target.encode("latin-1")
    head = (method.encode() + b" " + target_bytes + b" HTTP/1.1\r\n"
            + f"Host: {site.host}:{site.port}\r\nConnection: close\r\n".encode())
    if body:
        head += f"Content-Length: {len(body)}\r\nContent-Type: application/x-www-form-urlencoded\r\n".encode()
    with socket.create_connection((site.host, site.port), timeout=10) as sock:
        sock.sendall(head + b"\r\n" + body)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    header_block, _, payload = data.partition(b"\r\n\r\n")
    lines = header_block.decode("iso-8859-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Reply(status, headers, payload)


def get(site: Site, target: str, *, follow: bool = True) -> Reply:
    reply = raw_request(site, target)
    hops = 0
    while follow and reply.status in (301, 302, 303, 307, 308) and hops < 5:
        reply = raw_request(site, reply.headers["location"])
        hops += 1
    return reply


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def links(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    return parser.hrefs


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def pair_cell(page: str, nomor: int, cls: str) -> str:
    row = re.search(rf'<tr data-nomor="{nomor}"[^>]*>(.*?)</tr>', page, re.S)
    assert row, f"no result row for nomor urut {nomor}"
    cell = re.search(rf'<td class="[^"]*\b{cls}\b[^"]*">(.*?)</td>', row.group(1), re.S)
    assert cell, f"no {cls} cell for nomor urut {nomor}"
    return html.unescape(re.sub(r"<[^>]*>", "", cell.group(1))).strip()  # a figure may be a link (asal angka)


def child_row(page: str, kode: str) -> str:
    row = re.search(rf'<tr data-kode="{kode}"[^>]*>.*?</tr>', page, re.S)
    assert row, f"no child row {kode}"
    return row.group(0)


# --- pages and drill-down ---------------------------------------------------------------------

def test_serve_binds_localhost_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(make_server).parameters["host"].default == "127.0.0.1"


def test_index_lists_releases_newest_first_and_marks_latest(site):
    reply = get(site, "/")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    page = reply.text
    assert "Daftar rilis" in page
    assert page.index(site.rid) < page.index(OLD_ID) < page.index(BROKEN_ID)
    latest_row = re.search(rf"<tr[^>]*>\s*<td><a href=\"/rilis/{site.rid}/\"[^<]*</a>(.*?)</tr>", page, re.S)
    assert latest_row and "terbaru" in latest_row.group(1)
    old_row = re.search(rf"<tr[^>]*>\s*<td><a href=\"/rilis/{OLD_ID}/\"[^<]*</a>(.*?)</tr>", page, re.S)
    assert old_row and "terbaru" not in old_row.group(1) and "Final" in old_row.group(1)
    assert "Sementara" in latest_row.group(1)  # a TPS is held: the release is provisional


def test_release_page_lists_contests_with_penetapan(site):
    page = get(site, f"/rilis/{site.rid}/").text
    assert "Pemilihan Gubernur dan Wakil Gubernur KALIMANTAN TIMUR" in page
    assert "Pemilihan Wali Kota dan Wakil Wali Kota KOTA BALIKPAPAN" in page
    assert "Belum ditetapkan (sementara)" in page
    hrefs = links(page)
    assert f"/rilis/{site.rid}/pkwkk-6471/6471" in hrefs and f"/rilis/{site.rid}/pkwkp-64/64" in hrefs
    assert f"/unduh/{site.rid}/data/hasil.csv" in hrefs and f"/unduh/{site.rid}/manifest.json" in hrefs


def test_latest_resolves_to_the_latest_release(site):
    reply = raw_request(site, "/rilis/latest/pkwkk-6471/647101")
    assert reply.status == 302 and reply.headers["location"] == f"/rilis/{site.rid}/pkwkk-6471/647101"
    assert get(site, "/rilis/latest/").status == 200
    download = raw_request(site, "/unduh/latest/data/hasil.csv")
    assert download.status == 302 and download.headers["location"] == f"/unduh/{site.rid}/data/hasil.csv"


def test_drill_down_follows_links_from_index_to_tps(site):
    page = get(site, "/").text
    release_link = f"/rilis/{site.rid}/"
    assert release_link in links(page)
    page = get(site, release_link).text
    path = [("pkwkk-6471/6471", "KOTA BALIKPAPAN"), ("pkwkk-6471/647101", "Kecamatan Balikpapan Timur"),
            ("pkwkk-6471/6471011001", "Desa/Kelurahan Manggar"), ("pkwkk-6471/6471011001001", "TPS 001")]
    for step, title in path:
        target = f"/rilis/{site.rid}/{step}"
        assert target in links(page), f"{target} not linked"
        reply = get(site, target)
        assert reply.status == 200, target
        page = reply.text
        assert re.search(rf"<h1>{re.escape(title)} <span class=\"kode\">{step.rsplit('/', 1)[1]}</span></h1>", page)
    # the TPS page: votes as submitted and a breadcrumb back up every level
    hrefs = links(page)
    for up in ("6471", "647101", "6471011001"):
        assert f"/rilis/{site.rid}/pkwkk-6471/{up}" in hrefs
    assert pair_cell(page, 1, "suara") == "480"


def test_kecamatan_figures_equal_hasil_csv(site):
    rows = [r for r in csv_rows(site.release / "data" / "hasil.csv")
            if (r["jenis"], r["kode_kontes"], r["tingkat"], r["kode_wilayah"]) == ("pkwkk", "6471", "kecamatan", "647101")]
    assert len(rows) == 2
    page = get(site, f"/rilis/{site.rid}/pkwkk-6471/647101").text
    total = sum(int(r["suara"]) for r in rows)
    for r in rows:
        votes = int(r["suara"])
        assert pair_cell(page, int(r["nomor_urut"]), "suara") == angka(votes)
        hundredths = (votes * 20000 + total) // (2 * total)  # half up, on integers: persen_2d
        expected = f"{hundredths // 100},{hundredths % 100:02d} %"
        assert pair_cell(page, int(r["nomor_urut"]), "persen") == expected
    admin = next(r for r in csv_rows(site.release / "data" / "administrasi.csv")
                 if (r["jenis"], r["tingkat"], r["kode_wilayah"]) == ("pkwkk", "kecamatan", "647101"))
    assert int(admin["suara_sah"]) == total == 1501
    assert ">1.501</a></td>" in page  # suara sah (a link to its asal angka), with the Indonesian thousands dot
    assert f"{admin['tps_masuk']}</span> / <span class=\"angka\">{admin['tps_total']}" in page


def test_held_tps_shown_with_their_reasons(site):
    findings = [r for r in csv_rows(site.release / "data" / "pengecualian.csv")
                if r["jenis"] == "pkwkk" and r["keparahan"] == "error"]
    assert {r["kode_tps"] for r in findings} == {"6471021001001", "6471021001002"}
    page = get(site, f"/rilis/{site.rid}/pkwkk-6471/6471021001").text  # desa Baru Ilir
    for r in findings:
        row = child_row(page, r["kode_tps"])
        assert 'class="baris-tahan"' in row
        assert html.escape(r["keterangan"], quote=False) in row
    assert "belum masuk" in child_row(page, "6471021001002")
    # the TPS's own page says it is held, and why
    tps = get(site, f"/rilis/{site.rid}/pkwkk-6471/6471021001001").text
    assert "TPS ini ditahan" in tps and "jumlah suara 999" in tps
    # the kecamatan above names them too, with links to their pages
    kec = get(site, f"/rilis/{site.rid}/pkwkk-6471/647102").text
    assert f"/rilis/{site.rid}/pkwkk-6471/6471021001001" in links(kec)
    assert "2 TPS ditahan" in kec or ">2<" in kec


def test_script_name_is_escaped(site):
    for target in (f"/rilis/{site.rid}/pkwkp-64/64", f"/rilis/{site.rid}/pkwkp-64/647101", f"/rilis/{site.rid}/"):
        page = get(site, target).text
        assert "<script" not in page.lower()
    page = get(site, f"/rilis/{site.rid}/pkwkp-64/64").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- downloads -----------------------------------------------------------------------------------

def test_downloads_have_the_right_bytes_and_types(site):
    cases = {
        "data/hasil.csv": "text/csv",
        "data/pengecualian.csv": "text/csv",
        "manifest.json": "application/json",
        "laporan/pkwkk-6471/kecamatan-647101.pdf": "application/pdf",
    }
    for rel, ctype in cases.items():
        reply = get(site, f"/unduh/{site.rid}/{rel}")
        assert reply.status == 200, rel
        assert reply.headers["content-type"].startswith(ctype), rel
        assert reply.body == (site.release / rel).read_bytes(), rel
        assert int(reply.headers["content-length"]) == len(reply.body)
        assert reply.headers["x-content-type-options"] == "nosniff"
    validation = sorted((site.release / "validasi").glob("*.json"))
    assert validation and get(site, f"/unduh/{site.rid}/validasi/{validation[0].name}").status == 200


def test_unit_page_links_every_existing_file_of_the_unit(site):
    page = get(site, f"/rilis/{site.rid}/pkwkk-6471/647101").text
    hrefs = links(page)
    assert f"/unduh/{site.rid}/laporan/pkwkk-6471/kecamatan-647101.pdf" in hrefs
    for rel in ("data/hasil.csv", "data/administrasi.csv", "data/penetapan.csv", "data/pengecualian.csv",
                "manifest.json"):
        assert f"/unduh/{site.rid}/{rel}" in hrefs
    # whatever the report renderer produced for this unit and contest is linked, and every link works
    laporan = site.release / "laporan"
    for f in [*laporan.glob("pkwkk-6471/kecamatan-647101.*"), *laporan.glob("pkwkk-6471.xlsx"),
              *laporan.glob("pkwkk-6471/penetapan.*"), *laporan.glob("pkwkk-6471/pengecualian.*")]:
        assert f"/unduh/{site.rid}/{f.relative_to(site.release).as_posix()}" in hrefs
    for href in hrefs:
        if href.startswith("/unduh/"):
            assert get(site, href).status == 200, href
    # a desa or TPS has no D.Hasil of its own: it offers its kecamatan's, and no other unit's
    for kode in ("6471011001", "6471011001002"):
        below = get(site, f"/rilis/{site.rid}/pkwkk-6471/{kode}").text
        assert f"/unduh/{site.rid}/laporan/pkwkk-6471/kecamatan-647101.pdf" in links(below)
        assert "Laporan Kecamatan Balikpapan Timur" in below
    other = get(site, f"/rilis/{site.rid}/pkwkk-6471/6471021001").text
    assert "kecamatan-647101" not in other
    # the governor's race has reports of its own: none of the regent race's are offered there
    assert "pkwkk-6471" not in get(site, f"/rilis/{site.rid}/pkwkp-64/647101").text.split('id="unduhan"')[1]


def test_head_answers_headers_only(site):
    reply = raw_request(site, f"/unduh/{site.rid}/data/hasil.csv", method="HEAD")
    assert reply.status == 200 and reply.body == b""
    assert int(reply.headers["content-length"]) == (site.release / "data" / "hasil.csv").stat().st_size
    page = raw_request(site, "/", method="HEAD")
    assert page.status == 200 and page.body == b"" and int(page.headers["content-length"]) > 0


# --- security ------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])
def test_other_methods_are_refused(site, method):
    reply = raw_request(site, f"/unduh/{site.rid}/data/hasil.csv", method=method, body=b"a=1")
    assert reply.status == 405
    assert reply.headers["allow"] == "GET, HEAD"
    assert "Traceback" not in reply.text
    assert not (site.release / "data" / "hasil.csv").read_bytes().startswith(b"a=1")


TRAVERSALS = [
    "/etc/passwd",
    "//etc/passwd",
    "///etc/passwd",
    "/unduh//etc/passwd",
    "/unduh/{id}//etc/passwd",
    "/unduh/{id}/../../../../../../etc/passwd",
    "/unduh/{id}/data/../../../../../../etc/passwd",
    "/unduh/{id}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/unduh/{id}/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/unduh/{id}/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/unduh/{id}/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/unduh/{id}/%252e%252e/%252e%252e/%252e%252e/%252e%252e/etc/passwd",
    "/unduh/{id}/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/unduh/{id}/..\\..\\..\\..\\..\\etc\\passwd",
    "/unduh/{id}/..%5c..%5c..%5c..%5c..%5cetc%5cpasswd",
    "/unduh/{id}/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/unduh/{id}/%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
    "/unduh/{id}/%e0%80%ae%e0%80%ae/%e0%80%ae%e0%80%ae/etc/passwd",
    "/unduh/{id}/%uff0e%uff0e/%uff0e%uff0e/etc/passwd",
    "/unduh/{id}/data/hasil.csv%00.html",
    "/unduh/{id}/%00/../../../etc/passwd",
    "/unduh/%2fetc%2fpasswd",
    "/unduh/{id}/%2fetc%2fpasswd",
    "/unduh/{id}/%2f%2fetc%2fpasswd",
    "/unduh/{id}/file:///etc/passwd",
    "/unduh/{id}/./././../../../etc/passwd",
    "/unduh/{id}/.%2e/.%2e/.%2e/.%2e/etc/passwd",
    "/unduh/..%2f..%2f..%2fetc/passwd",
    "/unduh/../rahasia.txt",
    "/unduh/{id}/../../rahasia.txt",
    "/unduh/{id}/..%2f..%2frahasia.txt",
    "/unduh/{id}/%2e%2e/%2e%2e/rahasia.txt",
    "/unduh/{id}/%2e%2e/%2e%2e/%2e%2e/rahasia.txt",
    "/unduh/{id}/../../rekap.duckdb",
    "/unduh/{id}/%2e%2e/%2e%2e/rekap.duckdb",
    "/unduh/latest/../../rahasia.txt",
    "/unduh/latest/%2e%2e/%2e%2e/rahasia.txt",
    "/rilis/../../../../etc/passwd",
    "/rilis/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/rilis/{id}/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/rilis/{id}/pkwkk-6471/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/aset/../../../../etc/passwd",
    "/aset/..%2f..%2f..%2fportal%2f..%2f..%2f..%2fetc%2fpasswd",
    "/unduh/{id}/.hidden",
    "/unduh/{id}/data/.",
    "/unduh/{id}/data/..",
    "/unduh/{id}/data",
    "/unduh/{id}/",
    "http://127.0.0.1/etc/passwd",
    "*",
]
SYMLINKS = [
    "/unduh/{id}/data/bocor.csv",        # a file symlink → /etc/passwd
    "/unduh/{id}/rahasia.txt",           # a file symlink → OUT/rahasia.txt (outside OUT/releases)
    "/unduh/{id}/luar/passwd",           # a directory symlink → /etc
    "/unduh/{id}/laporan/naik/rahasia.txt",  # a directory symlink → OUT
    "/unduh/{id}/laporan/naik/rekap.duckdb",
    "/unduh/jahat/passwd",               # a release symlink → /etc
    "/rilis/jahat/",
    "/unduh/atas/rahasia.txt",           # a release symlink → OUT
    "/unduh/atas/rekap.duckdb",
]


def assert_nothing_leaked(reply: Reply) -> None:
    text = reply.text
    for marker in PASSWD_MARKERS:
        assert marker not in text
    assert SECRET not in text
    assert not reply.body.startswith(b"DUCK") and b"DUCK" not in reply.body[:64]
    assert "Traceback" not in text and 'File "' not in text


@pytest.mark.parametrize("target", TRAVERSALS + SYMLINKS)
def test_nothing_outside_a_release_is_served(site, target):
    reply = raw_request(site, target.replace("{id}", site.rid))
    assert reply.status == 404, (target, reply.status)
    assert_nothing_leaked(reply)


def test_raw_nul_and_oddities_never_5xx(site):
    targets = [
        f"/unduh/{site.rid}/data/hasil.csv\x00.html".encode("latin-1"),
        f"/unduh/{site.rid}/\xc0\xae\xc0\xae/etc/passwd".encode("latin-1"),
        f"/unduh/{site.rid}/{'a' * 5000}".encode(),
        b"/" + b"%" * 300,
        b"/rilis/" + b"9" * 300 + b"/",
        f"/rilis/{site.rid}/pkwkk-6471/{'1' * 40}".encode(),
        f"/rilis/{site.rid}/pkwkk-6471/6472".encode(),
        f"/rilis/{site.rid}/pkwkx-6471/6471".encode(),
        f"/rilis/{site.rid}/pkwkk-6471/6471/lagi".encode(),
        b"/rilis/latest/pkwkp-99/99",
        b"/?a=../../etc/passwd",
    ]
    for target in targets:
        reply = raw_request(site, target)
        assert reply.status < 500, (target, reply.status)
        assert_nothing_leaked(reply)
    huge = raw_request(site, "/" + "a" * 70000)
    assert 400 <= huge.status < 500 and "Traceback" not in huge.text


def test_symlinked_files_are_not_listed(site):
    page = get(site, f"/rilis/{site.rid}/").text
    assert "bocor.csv" not in page and "rahasia" not in page
    index = get(site, "/").text
    assert "jahat" not in index and "atas" not in index


def test_security_headers_on_every_kind_of_response(site):
    for target in ("/", f"/rilis/{site.rid}/pkwkk-6471/647101", f"/unduh/{site.rid}/data/hasil.csv",
                   "/tidak/ada", "/aset/portal.css"):
        reply = raw_request(site, target)
        csp = reply.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "style-src 'self';" in csp and "unsafe-inline" not in csp
        assert "script-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["referrer-policy"] == "no-referrer"
        assert reply.headers["x-frame-options"] == "DENY"
        assert "Python" not in reply.headers.get("server", "")
    refused = raw_request(site, "/", method="POST")
    assert refused.headers["x-frame-options"] == "DENY"


def test_pages_carry_no_script_and_only_local_styles(site):
    for target in ("/", f"/rilis/{site.rid}/", f"/rilis/{site.rid}/pkwkp-64/64",
                   f"/rilis/{site.rid}/pkwkk-6471/6471021001001", "/tidak/ada"):
        page = get(site, target).text.lower()
        assert "<script" not in page and "javascript:" not in page
        assert "http://" not in page and "https://" not in page


def test_unreadable_release_is_a_plain_error_page(site):
    reply = get(site, f"/rilis/{BROKEN_ID}/")
    assert reply.status == 500
    assert "Rilis tidak dapat dibaca" in reply.text and "Traceback" not in reply.text
    assert "duckdb" not in reply.text.lower() and "ini,bukan" not in reply.text
    # the release list still works
    assert get(site, "/").status == 200


def test_unknown_pages_are_plain_404(site):
    for target in ("/tidak/ada", f"/rilis/{site.rid}/pkwkk-6471/647199", "/rilis/ffffffffffffffff/",
                   "/unduh/ffffffffffffffff/data/hasil.csv", f"/unduh/{site.rid}/data/tidakada.csv"):
        reply = raw_request(site, target)
        assert reply.status == 404 and "Tidak ditemukan" in reply.text and "Traceback" not in reply.text


# --- data: loaded once per release, whatever the concurrency -------------------------------------

def test_release_data_loaded_once_under_concurrent_requests(site, monkeypatch):
    from rekap.published import releases as releases_mod

    loads = []
    original = releases_mod.ReleaseData.__init__

    def counting(self, *args, **kwargs):
        loads.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(releases_mod.ReleaseData, "__init__", counting)
    portal = Portal(site.out)
    results: list[int] = []

    def fetch(target: str) -> None:
        results.append(portal.handle("GET", target).status)

    targets = [f"/rilis/{site.rid}/pkwkk-6471/{k}" for k in ("6471", "647101", "647102", "6471011001")] * 3
    threads = [threading.Thread(target=fetch, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * len(targets)
    assert len(loads) == 1
    assert portal.handle("GET", f"/rilis/{site.rid}/").status == 200 and len(loads) == 1
