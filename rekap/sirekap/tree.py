"""Read a Sirekap-shaped aggregates tree: KPU's public snapshot and the `sirekap/` of a release alike.

The ONE parser for both (docs/sirekap.md): `read_paslon` reads the candidate masters
(`paslon/<jenis>.json`), `read_aggregate` one aggregate file ({mode, tungsura: {chart, table}, psu,
progres, ts}), `iter_aggregates` every file of `pkwkp/` and `pkwkk/` in path order, and
`iter_figures` flattens them to one row per (contest, unit, ballot number) for reconciliation.
Anything off-shape raises TreeError naming the file (and line and column for broken JSON).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

JENIS = ("pkwkp", "pkwkk")
LEVEL_BY_LENGTH = {2: "provinsi", 4: "kabkota", 6: "kecamatan", 10: "desa", 13: "tps"}
CONTEST_CODE_LENGTH = {"pkwkp": 2, "pkwkk": 4}


class TreeError(Exception):
    """A file of the tree that is not what Sirekap publishes (the CLI exits 2)."""


@dataclass(frozen=True)
class Progres:
    total: int
    progres: int
    persen: float | None = None  # only inside tungsura; KPU sometimes writes 0 in parent tables


@dataclass(frozen=True)
class Baris:
    """A chart or a row of a table: votes per paslon id, progress and the flags KPU sets."""

    kode: str
    suara: dict[str, int]
    progres: Progres | None
    psu: str | None = None
    status_progress: bool | None = None


@dataclass(frozen=True)
class Agregat:
    berkas: str  # path inside the tree, e.g. pkwkp/64/6471.json
    jenis: str
    kode: str  # the file's own unit ('0': the national governor summary)
    mode: str
    psu: str | None
    ts: str | None
    progres: Progres | None
    chart: Baris
    table: dict[str, Baris] = field(default_factory=dict)


@dataclass(frozen=True)
class Paslon:
    jenis: str
    kode_kontes: str
    paslon_id: str
    nomor_urut: int
    nama: str
    warna: str | None
    ts: str | None


@dataclass(frozen=True)
class Figure:
    """One unit's figure for one ballot number (nomor_urut/suara None: the unit shows no votes)."""

    jenis: str
    kode_kontes: str
    tingkat: str
    kode_wilayah: str
    nomor_urut: int | None
    suara: int | None
    tps_total: int | None
    tps_progres: int | None
    dari_tabel: bool  # from its parent's table (else from its own file's chart)
    berkas: str


def is_tree(root: Path) -> bool:
    return (root / "paslon").is_dir() and any((root / j).is_dir() for j in JENIS)


def _load(path: Path, berkas: str, digest: "hashlib._Hash | None" = None):
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise TreeError(f"{berkas}: tidak dapat dibaca ({err.strerror or err})") from None
    if digest is not None:
        digest.update(berkas.encode() + b"\0" + hashlib.sha256(raw).digest())
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise TreeError(f"{berkas}: bukan teks UTF-8") from None
    except json.JSONDecodeError as err:
        raise TreeError(f"{berkas}, baris {err.lineno}, kolom {err.colno}: JSON rusak ({err.msg})") from None


def _int(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TreeError(f"{where}: bukan bilangan bulat ≥ 0 ({value!r})")
    return value


def _progres(value, where: str, *, persen: bool) -> Progres:
    if not isinstance(value, dict):
        raise TreeError(f"{where}: 'progres' bukan objek")
    for key in ("total", "progres"):
        if key not in value:
            raise TreeError(f"{where}: 'progres' tanpa '{key}'")
    p = value.get("persen") if persen else None
    if p is not None and (isinstance(p, bool) or not isinstance(p, (int, float))):
        raise TreeError(f"{where}: 'persen' bukan angka ({p!r})")
    return Progres(_int(value["total"], f"{where} progres.total"), _int(value["progres"], f"{where} progres.progres"),
                   None if p is None else float(p))


def _baris(kode: str, value, where: str) -> Baris:
    if not isinstance(value, dict):
        raise TreeError(f"{where}: bukan objek")
    votes = {}
    for key, v in value.items():
        if key.isdigit():
            if v is not None:  # null: no figure published, like a missing key
                votes[key] = _int(v, f"{where} suara {key}")
        elif key not in ("progres", "psu", "status_progress"):
            raise TreeError(f"{where}: kunci tak dikenal {key!r}")
    progres = _progres(value["progres"], where, persen=True) if "progres" in value else None
    flag = value.get("status_progress")
    if flag is not None and not isinstance(flag, bool):
        raise TreeError(f"{where}: 'status_progress' bukan true/false")
    psu = value.get("psu")
    return Baris(kode, votes, progres, psu if isinstance(psu, str) else None, flag)


def read_aggregate(root: Path, berkas: str, digest=None) -> Agregat:
    """One aggregate file, `berkas` relative to the tree's root (its first folder is the jenis)."""
    data = _load(root / berkas, berkas, digest)
    if not isinstance(data, dict) or not isinstance(data.get("tungsura"), dict):
        raise TreeError(f"{berkas}: bukan agregat Sirekap (tanpa objek 'tungsura')")
    if not isinstance(data.get("mode"), str):
        raise TreeError(f"{berkas}: 'mode' tidak ada")
    tungsura = data["tungsura"]
    chart, table = tungsura.get("chart", {}), tungsura.get("table", {})
    if not isinstance(chart, dict) or not isinstance(table, dict):
        raise TreeError(f"{berkas}: 'chart' atau 'table' bukan objek")
    kode = Path(berkas).stem
    rows = {}
    for child, value in table.items():
        if not child.isdigit() or len(child) not in LEVEL_BY_LENGTH:
            raise TreeError(f"{berkas}: kode wilayah tak dikenal di 'table': {child!r}")
        rows[child] = _baris(child, value, f"{berkas} table.{child}")
    ts = data.get("ts")
    return Agregat(
        berkas=berkas, jenis=berkas.split("/", 1)[0], kode=kode, mode=data["mode"],
        psu=data.get("psu") if isinstance(data.get("psu"), str) else None,
        ts=ts if isinstance(ts, str) else None,
        progres=_progres(data["progres"], berkas, persen=False) if "progres" in data else None,
        chart=_baris(kode, chart, f"{berkas} chart"), table=rows)


def read_paslon(root: Path, digest=None) -> dict[tuple[str, str, str], Paslon]:
    """Both candidate masters: (jenis, kode_kontes, paslon_id) → Paslon."""
    found: dict[tuple[str, str, str], Paslon] = {}
    for jenis in JENIS:
        berkas = f"paslon/{jenis}.json"
        if not (root / berkas).is_file():
            continue
        data = _load(root / berkas, berkas, digest)
        if not isinstance(data, dict):
            raise TreeError(f"{berkas}: bukan objek")
        for kode, pairs in data.items():
            if not isinstance(pairs, dict):
                raise TreeError(f"{berkas} {kode}: bukan objek")
            for pid, entry in pairs.items():
                where = f"{berkas} {kode}.{pid}"
                if not isinstance(entry, dict) or "nomor_urut" not in entry:
                    raise TreeError(f"{where}: tanpa 'nomor_urut'")
                found[(jenis, kode, pid)] = Paslon(
                    jenis, kode, pid, _int(entry["nomor_urut"], where), str(entry.get("nama") or ""),
                    entry.get("warna"), entry.get("ts"))
    if not found:
        raise TreeError("paslon/pkwkp.json dan paslon/pkwkk.json tidak ada atau kosong")
    return found


def aggregate_files(root: Path) -> list[str]:
    """Every aggregate file of the tree, by path (pkwkp/…, pkwkk/…; nothing else is read)."""
    files = []
    for jenis in JENIS:
        base = root / jenis
        if base.is_dir():
            files.extend(p.relative_to(root).as_posix() for p in base.rglob("*.json") if p.is_file())
    return sorted(files)


def iter_aggregates(root: Path, digest=None) -> Iterator[Agregat]:
    for berkas in aggregate_files(root):
        yield read_aggregate(root, berkas, digest)


def iter_figures(root: Path, digest=None) -> Iterator[Figure]:
    """Every contest unit the tree shows, per ballot number: each table row (a unit as its
    parent's page lists it) and each file's own chart (used for a unit no table lists).

    pkwkp/0.json's chart and pkwkk/<prov>/<prov>.json's are not units of a contest and are skipped."""
    paslon = read_paslon(root, digest)
    for agg in iter_aggregates(root, digest):
        for row in agg.table.values():
            yield from _figures(agg, row, paslon, True)
        if agg.kode.isdigit() and len(agg.kode) >= CONTEST_CODE_LENGTH.get(agg.jenis, 99):
            yield from _figures(agg, agg.chart, paslon, False)


def _figures(agg: Agregat, row: Baris, paslon: dict, from_table: bool) -> Iterator[Figure]:
    n = CONTEST_CODE_LENGTH.get(agg.jenis)
    if n is None or len(row.kode) < n:
        return
    kode_kontes = row.kode[:n]
    total = row.progres.total if row.progres else None
    done = row.progres.progres if row.progres else None
    base = (agg.jenis, kode_kontes, LEVEL_BY_LENGTH[len(row.kode)], row.kode)
    if not row.suara:
        yield Figure(*base, None, None, total, done, from_table, agg.berkas)
        return
    for pid, votes in sorted(row.suara.items()):
        pair = paslon.get((agg.jenis, kode_kontes, pid))
        if pair is None:
            raise TreeError(f"{agg.berkas}: paslon {pid} ({row.kode}) tidak ada di paslon/{agg.jenis}.json "
                            f"untuk {kode_kontes}")
        yield Figure(*base, pair.nomor_urut, votes, total, done, from_table, agg.berkas)
