"""The portal keeps serving whole, consistent pages while releases are published into its OUT.

A publisher thread runs a real in-process recap into the served OUT, then publishes a dozen
prepared releases through `rekap.release.publish` (the same staging → rename → `latest` swap a run
does), then re-publishes an old one (`latest` moves back). Meanwhile client threads hammer the
release list, `latest` pages, a TPS page, data files and manifests. Every release carries its own
figure for one TPS (480, 700, 1000 + k), so a page that mixed two releases would show.

Every answer must be a 200 or a redirect (never a 5xx, never a 404 for something published),
every 200 complete (Content-Length = bytes received, HTML ending in </html>), every page about one
release only, and every figure the one of the release the page names. Also here: a short run of
tools/loadtest.py against the small release (zero errors).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

from builders import Package, form
from test_portal import Reply, Site, pair_cell, publish_release, raw_request, running_server
from rekap import release
from rekap.stages.walk import recap_in_process
from rekap.settings import RecapSettings

TPS = "6471011001001"
TPS_PAGE = f"pkwkk-6471/{TPS}"
COPIES = 12
CLIENTS = 4
RID = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")
ROOT = Path(__file__).resolve().parents[2]


def copy_id(k: int) -> str:
    return f"{0xC0FFEE00 + k:016x}"


def tps_votes(hasil: bytes) -> int:
    """Nomor urut 1's votes at the marked TPS in the regent race, from a hasil.csv."""
    for row in csv.DictReader(io.StringIO(hasil.decode("utf-8"))):
        if (row["jenis"], row["tingkat"], row["kode_wilayah"], row["nomor_urut"]) == ("pkwkk", "tps", TPS, "1"):
            return int(row["suara"])
    raise AssertionError("marked TPS not in hasil.csv")


def stage_copy(source: Path, out: Path, k: int, finished_at: str, tag: str = "") -> tuple[Path, str]:
    """A complete release folder in OUT/.work, as a run leaves it before publishing: a copy of
    `source` with its own id, time and figure (1000 + k) for the marked TPS."""
    rid = copy_id(k)
    staging = out / ".work" / f"run-{os.getpid()}-salin{k:02d}{tag}"
    shutil.copytree(source, staging)
    path = staging / "data" / "hasil.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if (row["jenis"], row["tingkat"], row["kode_wilayah"], row["nomor_urut"]) == ("pkwkk", "tps", TPS, "1"):
            row["suara"] = str(1000 + k)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    manifest = json.loads((staging / "manifest.json").read_text())
    manifest.update(release_id=rid, finished_at=finished_at)
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return staging, rid


def second_package(folder: Path) -> Path:
    """The fixture's election with other votes at the marked TPS (700 for nomor urut 1)."""
    pkg = (Package()
           .contest("pkwkp", "64", ["GUB SATU", "GUB DUA"])
           .contest("pkwkk", "6471", ["WALI SATU", "WALI DUA"]))
    voters = (400, 400)
    for kode in ("6471011001001", "6471011001002", "6471021001001", "6471021001002"):
        pkg.station(kode, dpt=voters)
    pkg.submit(form(TPS, "pkwkp", {1: 512, 2: 230}, dpt=voters))
    pkg.submit(form(TPS, "pkwkk", {1: 700, 2: 42}, dpt=voters))
    pkg.submit(form("6471011001002", "pkwkp", {1: 601, 2: 158}, dpt=voters))
    pkg.submit(form("6471011001002", "pkwkk", {1: 333, 2: 426}, dpt=voters))
    return pkg.write(folder)


# --- the client side ------------------------------------------------------------------------

class Observations:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.problems: list[str] = []
        self.figures: list[tuple[str, int, str]] = []  # (release id, figure, where seen)
        self.latest_seen: set[str] = set()

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)


def checked(site: Site, target: str, seen: Observations) -> Reply:
    reply = raw_request(site, target)
    with seen.lock:
        seen.requests += 1
    if reply.status not in (200, 301, 302):
        seen.problem(f"{target}: status {reply.status}")
    if reply.status == 200:
        length = int(reply.headers.get("content-length", -1))
        if length != len(reply.body):
            seen.problem(f"{target}: Content-Length {length}, {len(reply.body)} bytes received")
        if reply.headers.get("content-type", "").startswith("text/html") and \
                not reply.body.rstrip().endswith(b"</html>"):
            seen.problem(f"{target}: HTML page cut short")
    return reply


def via_latest(site: Site, target: str, seen: Observations) -> tuple[str, Reply] | None:
    """Follow a `latest` redirect; the release id it named and the page it led to."""
    hop = checked(site, target, seen)
    if hop.status != 302:
        seen.problem(f"{target}: expected a redirect, got {hop.status}")
        return None
    location = hop.headers["location"]
    rid = location.split("/")[2]
    with seen.lock:
        seen.latest_seen.add(rid)
    return rid, checked(site, location, seen)


def one_release_only(page: str, rid: str, target: str, seen: Observations) -> None:
    ids = set(RID.findall(page))
    if ids != {rid}:
        seen.problem(f"{target}: page of {rid} names releases {sorted(ids)}")


def client(site: Site, old_rid: str, stop: threading.Event, seen: Observations) -> None:
    while not stop.is_set():
        try:
            index = checked(site, "/", seen)
            if index.status == 200 and index.text.count("lencana-terbaru") != 1:
                seen.problem("/: not exactly one release marked latest")
            got = via_latest(site, "/rilis/latest/", seen)
            if got and got[1].status == 200:
                one_release_only(got[1].text, got[0], "/rilis/latest/", seen)
            got = via_latest(site, f"/rilis/latest/{TPS_PAGE}", seen)
            if got and got[1].status == 200:
                rid, page = got[0], got[1].text
                one_release_only(page, rid, TPS_PAGE, seen)
                figure = int(pair_cell(page, 1, "suara").replace(".", ""))
                with seen.lock:
                    seen.figures.append((rid, figure, "halaman TPS"))
            got = via_latest(site, "/unduh/latest/data/hasil.csv", seen)
            if got and got[1].status == 200:
                with seen.lock:
                    seen.figures.append((got[0], tps_votes(got[1].body), "hasil.csv"))
            got = via_latest(site, "/unduh/latest/manifest.json", seen)
            if got and got[1].status == 200:
                named = json.loads(got[1].body).get("release_id")
                if named != got[0]:
                    seen.problem(f"manifest of {got[0]} names {named}")
            old = checked(site, f"/rilis/{old_rid}/pkwkk-6471/647101", seen)
            if old.status == 200:
                one_release_only(old.text, old_rid, "old release page", seen)
            time.sleep(0.01)  # leave the publisher some CPU: hammering, not starving it
        except Exception as err:  # noqa: BLE001 - a broken answer is a finding, not a crashed thread
            seen.problem(f"client: {type(err).__name__}: {err}")


# --- the test --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_out(tmp_path_factory) -> tuple[Path, str]:
    """One small recap for the whole module (tests copy OUT before writing into it)."""
    return publish_release(tmp_path_factory.mktemp("rilis"))


def test_serving_while_releases_are_published(tmp_path, small_out):
    out = tmp_path / "a" / "out"
    shutil.copytree(small_out[0], out, symlinks=True)
    first = small_out[1]
    first_release = out / "releases" / first
    expected = {first: tps_votes((first_release / "data" / "hasil.csv").read_bytes())}
    assert expected[first] == 480
    staged = []
    for k in range(COPIES):
        staging, rid = stage_copy(first_release, out, k, f"2030-01-01T00:{k:02d}:00+00:00")
        staged.append((staging, rid))
        expected[rid] = 1000 + k
    again_staging, again_rid = stage_copy(first_release, out, 3, "2030-01-01T00:03:00+00:00", "lagi")
    second_pkg = second_package(tmp_path / "b")

    seen = Observations()
    published: list[str] = []
    errors: list[BaseException] = []

    def publisher() -> None:
        try:
            time.sleep(0.5)
            result = recap_in_process(RecapSettings(
                input_dir=second_pkg, out_dir=out, threads=1, memory_limit="1GB", pdf=False))
            published.append(result.release_id)
            expected[result.release_id] = 700
            for staging, rid in staged:
                time.sleep(0.25)
                assert release.publish(staging, out, rid).new
                published.append(rid)
            time.sleep(0.25)
            assert not release.publish(again_staging, out, again_rid).new  # already there: latest moves back
            published.append(again_rid)
            time.sleep(0.5)
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    stop = threading.Event()
    with running_server(out) as (_server, url, host, port):
        site = Site(out, first, first_release, url, host, port)
        clients = [threading.Thread(target=client, args=(site, first, stop, seen)) for _ in range(CLIENTS)]
        writer = threading.Thread(target=publisher)
        for t in clients:
            t.start()
        writer.start()
        writer.join(timeout=120)
        stop.set()
        for t in clients:
            t.join(timeout=30)

    print(f"\nterbit {len(published)} rilis sambil melayani {seen.requests} permintaan dari {CLIENTS} klien; "
          f"{len(seen.latest_seen)} rilis terlihat sebagai latest, {len(seen.figures)} angka diperiksa")
    assert not errors, errors
    assert published[-1] == again_rid and os.readlink(out / "latest") == f"releases/{again_rid}"
    assert seen.problems == [], seen.problems[:20]
    assert seen.requests >= 200, seen.requests
    assert len(seen.latest_seen) >= 5, seen.latest_seen  # latest really moved while we were reading
    assert seen.latest_seen <= set(expected)
    wrong = [(rid, figure, where) for rid, figure, where in seen.figures if figure != expected[rid]]
    assert wrong == []
    assert len(seen.figures) >= 50
    # nothing of the publishing is left lying around or visible
    assert not list((out / ".work").glob(f"run-{os.getpid()}-salin*"))
    assert not list(out.glob(".latest-*"))


# --- a short load test (tools/loadtest.py) ---------------------------------------------------

def load_tool():
    spec = importlib.util.spec_from_file_location("loadtest", ROOT / "tools" / "loadtest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("loadtest", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_short_load_has_no_errors(small_out):
    loadtest = load_tool()
    out, rid = small_out
    pages = loadtest.drill_down_pages(out / "releases" / rid, limit=200, seed=1)
    assert f"/rilis/{rid}/" in pages and f"/rilis/{rid}/pkwkk-6471/{TPS}" in pages
    assert all(p.startswith(f"/rilis/{rid}/") or p == "/" for p in pages)
    with running_server(out) as (_server, _url, host, port):
        stats = loadtest.run_load(host, port, pages, clients=5, seconds=2.0)
    assert stats.errors == 0, stats.error_kinds
    assert stats.requests >= 20
    assert 0 < stats.percentile(50) <= stats.percentile(99)
    report = stats.report()
    assert "permintaan" in report and "p99" in report


def test_load_tool_counts_errors(small_out):
    """The load tool's zero is meaningful: pages that 404 are counted as errors."""
    loadtest = load_tool()
    out, _rid = small_out
    with running_server(out) as (_server, _url, host, port):
        stats = loadtest.run_load(host, port, ["/", "/tidak/ada"], clients=2, seconds=0.5)
    assert stats.errors > 0 and "404" in " ".join(stats.error_kinds)


# --- the page cache: release and unit pages only, keyed by which release is latest -----------

def test_page_cache_keeps_only_release_and_unit_pages(tmp_path, small_out):
    from rekap.portal import Portal
    from rekap.portal.server import PageCache

    out = tmp_path / "out"
    shutil.copytree(small_out[0], out, symlinks=True)
    rid = small_out[1]
    portal = Portal(out)
    rendered: list[str] = []
    handle = portal.handle

    def counting(method: str, target: str):
        rendered.append(target)
        return handle(method, target)

    portal.handle = counting  # type: ignore[method-assign]
    cache = PageCache()
    unit = f"/rilis/{rid}/{TPS_PAGE}"
    first = cache.answer(portal, "GET", unit)
    assert first.status == 200 and cache.answer(portal, "GET", unit) is first
    assert cache.answer(portal, "HEAD", unit) is first and rendered == [unit]
    assert cache.answer(portal, "GET", f"/rilis/{rid}/").status == 200
    assert cache.answer(portal, "GET", f"/rilis/{rid}/").status == 200
    assert rendered.count(f"/rilis/{rid}/") == 1
    # never kept: the release list, latest, rekonsiliasi, query strings, downloads, errors, other methods
    for target in ("/", f"/rilis/latest/{TPS_PAGE}", f"/rilis/{rid}/rekonsiliasi", f"{unit}?x=1",
                   f"/unduh/{rid}/data/hasil.csv", f"/rilis/{rid}/pkwkk-6471/6471999", f"/rilis/{rid}/{TPS_PAGE}/asal/suara-1"):
        cache.answer(portal, "GET", target)
        cache.answer(portal, "GET", target)
        assert rendered.count(target) == 2, target
    assert cache.answer(portal, "POST", unit).status == 405
    # a new latest release: the page is rendered again (its "terbaru" badge changes)
    staging, new_rid = stage_copy(out / "releases" / rid, out, 0, "2030-01-01T00:00:00+00:00")
    release.publish(staging, out, new_rid)
    again = cache.answer(portal, "GET", unit)
    assert again is not first and rendered.count(unit) == 3  # the first, the POST (405), this one
    assert b", terbaru)" in first.body and b", terbaru)" not in again.body
    # bounded in bytes: the least recently used page goes first
    small = PageCache(max_bytes=len(first.body) + 10)
    small.answer(portal, "GET", unit)
    small.answer(portal, "GET", f"/rilis/{rid}/")
    assert small.size <= small.max_bytes and len(small._pages) == 1
