"""A bounded load test of the portal on loopback: N clients for S seconds over a release's drill-down pages.

    python tools/loadtest.py --out OUT [--release ID] [--clients 50] [--seconds 20] [--pages 2000]
                             [--jeda-ms 0] [--port PORT] [--p99-ms 200]

Without --port it starts `rekap portal --out OUT` (exactly what a user runs, access log included,
sent to /dev/null) on a free port of 127.0.0.1 in its own process, so that the clients do not
share its interpreter, and stops it at the end; with --port it loads a portal already running on
127.0.0.1:PORT. The pages are the release list, the release page and the unit pages of every
contest, provinsi → kab/kota → kecamatan → desa → TPS (all units down to kecamatan, then a seeded
sample of desa and TPS up to --pages), read from the release's data/administrasi.csv.

Each client is an asyncio task that requests the pages in turn, one connection per request
(`Connection: close`), pausing --jeda-ms between two requests (0: none, a stress test in which
latency ≈ clients / throughput; a person reading a page pauses seconds). Latency is from connect to the last byte. An error is anything but a 200
with as many bytes as its Content-Length (4xx/5xx, cut-short bodies, refused connections,
timeouts). Prints requests served, throughput, p50/p95/p99/max and errors; exits 1 when there was
any error, 2 when the p99 is above --p99-ms (when given), else 0. Standard library only.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

LEVEL_ORDER = ("provinsi", "kabkota", "kecamatan", "desa", "tps")
TIMEOUT = 10.0


# --- which pages ---------------------------------------------------------------------------

def drill_down_pages(release: Path, *, limit: int = 2000, seed: int = 1) -> list[str]:
    """The drill-down pages of a release: every unit down to kecamatan, then desa and TPS (a seeded
    sample) until `limit`; in a deterministic order with levels interleaved."""
    rid = release.name
    units: dict[str, list[str]] = {level: [] for level in LEVEL_ORDER}
    with (release / "data" / "administrasi.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["tingkat"] in units:
                units[row["tingkat"]].append(
                    f"/rilis/{rid}/{row['jenis']}-{row['kode_kontes']}/{row['kode_wilayah']}")
    pages = ["/", f"/rilis/{rid}/"]
    for level in ("provinsi", "kabkota", "kecamatan"):
        pages += sorted(units[level])
    rng = random.Random(seed)
    rest = max(0, limit - len(pages))
    desa, tps = sorted(units["desa"]), sorted(units["tps"])
    take_desa = min(len(desa), rest // 2)
    take_tps = min(len(tps), rest - take_desa)
    pages += rng.sample(desa, take_desa) + rng.sample(tps, take_tps)
    pages = pages[:limit]
    rng.shuffle(pages)  # every client walks them from its own offset: all levels all the time
    return pages


class Walks:
    """Readers drilling down: the release list, the release, then from a contest's top unit down
    to one TPS picked at random (provinsi → kab/kota → kecamatan → desa → TPS), again and again."""

    def __init__(self, release: Path):
        self.rid = release.name
        self.tps: list[tuple[str, str, str]] = []  # (jenis, kode_kontes, kode TPS)
        with (release / "data" / "administrasi.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["tingkat"] == "tps":
                    self.tps.append((row["jenis"], row["kode_kontes"], row["kode_wilayah"]))
        self.tps.sort()
        if not self.tps:
            raise SystemExit(f"loadtest: rilis {self.rid} tidak memuat TPS")

    def walk(self, rng: random.Random) -> list[str]:
        jenis, kontes, tps = rng.choice(self.tps)
        units = [tps[:n] for n in (2, 4, 6, 10, 13) if n >= len(kontes)]
        return ["/", f"/rilis/{self.rid}/"] + [f"/rilis/{self.rid}/{jenis}-{kontes}/{u}" for u in units]

    def pages(self, index: int, seed: int = 1):
        rng = random.Random(seed * 1000 + index)
        while True:
            yield from self.walk(rng)


def latest_release(out: Path) -> Path:
    link = out / "latest"
    if not link.exists():
        raise SystemExit(f"loadtest: {out}/latest tidak ada: terbitkan rilis dulu (rekap run)")
    return (out / "releases" / os.path.basename(os.path.realpath(link))).resolve()


# --- the load ------------------------------------------------------------------------------

@dataclass
class Stats:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # of the good answers, in seconds
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    clients: int = 0
    pages: int = 0
    think_ms: float = 0.0
    pattern: str = "daftar"

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    def percentile(self, p: float) -> float:
        """In milliseconds (nearest rank); 0 without answers."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
        return 1000 * ordered[rank - 1]

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def report(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0.0
        lines = [
            f"pola: {self.pattern}, klien: {self.clients} (jeda {self.think_ms:.0f} ms), "
            f"durasi: {self.seconds:.1f} dtk" + (f", halaman berbeda: {self.pages}" if self.pages else ""),
            f"permintaan dilayani: {len(self.latencies)} (throughput {rate:.1f} permintaan/dtk, "
            f"{self.bytes / 1e6:.1f} MB)",
            f"latensi: p50 {self.percentile(50):.1f} ms, p95 {self.percentile(95):.1f} ms, "
            f"p99 {self.percentile(99):.1f} ms, maks {self.percentile(100):.1f} ms",
            f"galat: {self.errors}" + (" (" + ", ".join(f"{k}: {n}" for k, n in sorted(self.error_kinds.items()))
                                       + ")" if self.errors else ""),
        ]
        return "\n".join(lines)


async def fetch(host: str, port: int, path: str, stats: Stats) -> None:
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), TIMEOUT)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            data = await asyncio.wait_for(reader.read(), TIMEOUT)  # to EOF: the server closes
        finally:
            writer.close()
    except (OSError, asyncio.TimeoutError) as err:
        stats.error(type(err).__name__)
        return
    elapsed = time.perf_counter() - started
    head, sep, body = data.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        stats.error("jawaban rusak")
        return
    length = next((int(line.split(":", 1)[1]) for line in lines[1:]
                   if line.lower().startswith("content-length:")), None)
    if status != 200:
        stats.error(f"HTTP {status}")
    elif not sep or length != len(body):
        stats.error("badan terpotong")
    else:
        stats.latencies.append(elapsed)
        stats.bytes += len(data)


def cycle_from(pages: list[str], start: int):
    i = start
    while True:
        yield pages[i % len(pages)]
        i += 1


async def _load(host: str, port: int, pages: list[str] | Walks, clients: int, seconds: float,
                think: float) -> Stats:
    if isinstance(pages, Walks):
        stats = Stats(clients=clients, think_ms=1000 * think, pattern="jelajah")
        sequences = [pages.pages(c) for c in range(clients)]
    else:
        stats = Stats(clients=clients, pages=len(set(pages)), think_ms=1000 * think)
        sequences = [cycle_from(pages, c * max(1, len(pages) // clients)) for c in range(clients)]
    deadline = time.perf_counter() + seconds

    async def one_client(index: int) -> None:
        sequence = sequences[index]
        while time.perf_counter() < deadline:
            await fetch(host, port, next(sequence), stats)
            if think:
                await asyncio.sleep(think)

    started = time.perf_counter()
    await asyncio.gather(*(one_client(c) for c in range(clients)))
    stats.seconds = time.perf_counter() - started
    return stats


def run_load(host: str, port: int, pages: list[str] | Walks, *, clients: int, seconds: float,
             think_ms: float = 0.0) -> Stats:
    """`clients` concurrent clients requesting `pages` in turn (or each walking down `Walks`) for `seconds`, each pausing
    `think_ms` between requests (requests under way at the end are finished and counted)."""
    return asyncio.run(_load(host, port, pages, clients, seconds, think_ms / 1000))


# --- the portal under test -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_portal(out: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    rekap = shutil.which("rekap", path=str(Path(sys.executable).parent)) or shutil.which("rekap")
    command = [rekap] if rekap else [sys.executable, "-m", "rekap.cli"]
    proc = subprocess.Popen([*command, "portal", "--out", str(out), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    give_up = time.monotonic() + 60
    while time.monotonic() < give_up:
        if proc.poll() is not None:
            raise SystemExit(f"loadtest: rekap portal berhenti (kode {proc.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                if reply.status == 200:
                    return proc, port
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("loadtest: rekap portal tidak menjawab dalam 60 dtk")


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system, all threads) a process has used so far; None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def warm_up(port: int, pages: list[str]) -> None:
    """Load the release's data before the clock starts (the first page of a release loads it)."""
    for path in pages[:3]:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as reply:
            reply.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="folder rilis (OUT)")
    parser.add_argument("--release", help="id rilis (bawaan: OUT/latest)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pola", choices=("jelajah", "daftar"), default="jelajah",
                        help="jelajah: tiap klien menelusuri dari daftar rilis sampai satu TPS acak; "
                             "daftar: semua halaman --pages bergiliran (hampir tiap halaman baru)")
    parser.add_argument("--pages", type=int, default=2000, help="banyak halaman berbeda (pola daftar)")
    parser.add_argument("--jeda-ms", type=float, default=0.0, help="jeda tiap klien antar permintaan")
    parser.add_argument("--port", type=int, help="portal yang sudah berjalan di 127.0.0.1:PORT")
    parser.add_argument("--p99-ms", type=float, help="kode keluar 2 bila p99 melebihi batas ini")
    args = parser.parse_args(argv)

    release = (args.out / "releases" / args.release) if args.release else latest_release(args.out)
    pages = drill_down_pages(release, limit=args.pages)
    proc = None
    port = args.port
    if port is None:
        proc, port = start_portal(args.out)
    try:
        warm_up(port, [f"/rilis/{release.name}/"] + pages)
        print(f"portal http://127.0.0.1:{port}/ · rilis {release.name} · {os.cpu_count()} inti CPU", flush=True)
        load = Walks(release) if args.pola == "jelajah" else pages
        cpu_before = cpu_seconds(proc.pid) if proc else None
        stats = run_load("127.0.0.1", port, load, clients=args.clients, seconds=args.seconds,
                         think_ms=args.jeda_ms)
        cpu_after = cpu_seconds(proc.pid) if proc else None
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(stats.report())
    if cpu_before is not None and cpu_after is not None and stats.requests:
        used = cpu_after - cpu_before
        print(f"CPU portal: {used:.1f} dtk untuk {stats.requests} permintaan "
              f"({1000 * used / stats.requests:.1f} ms CPU per permintaan, rata-rata {used / stats.seconds:.2f} inti; "
              f"beban mesin {os.getloadavg()[0]:.1f})")
    if args.p99_ms is not None:
        met = stats.percentile(99) <= args.p99_ms
        print(f"target p99 ≤ {args.p99_ms:.0f} ms: {'tercapai' if met else 'TIDAK tercapai'}")
    if stats.errors:
        return 1
    if args.p99_ms is not None and stats.percentile(99) > args.p99_ms:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
