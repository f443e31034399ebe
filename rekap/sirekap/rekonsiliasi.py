"""Reconcile a published release with a second source: a Sirekap-shaped tree or another release.

Per contest, level, unit and ballot number: our figure, theirs, the difference and both sides' TPS
progress (sql/reconcile/rekonsiliasi.sql). A published release never changes (its manifest hashes every
file), so the result lands beside it, keyed by what it was compared with:

    OUT/rekonsiliasi/<release-id>/sirekap-<sha256 of the tree, 16 hex>/   or   …/rilis-<other id>/
        rekonsiliasi.csv   ringkasan.csv   sumber.json

Written in a scratch folder and renamed into place; the same release and source give the same
folder and the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from rekap.db import connect
from rekap.published.releases import RELEASE_ID
from rekap.sirekap.tree import is_tree, iter_figures
from rekap.sqlfiles import run_sql

RESULT_DIR = "rekonsiliasi"
FOLDER = re.compile(r"(sirekap-[0-9a-f]{16}|rilis-[A-Za-z0-9][A-Za-z0-9_-]{0,99})")
STATUSES = ("sama", "beda", "tidak_sebanding")
FIGURE_COLUMNS = ("jenis", "kode_kontes", "tingkat", "kode_wilayah", "nomor_urut", "suara", "tps_total",
                  "tps_progres", "dari_tabel", "berkas")


class ReconcileError(Exception):
    """Nothing to reconcile: an unknown release or a source that is neither a tree nor a release
    (the CLI exits 2)."""


@dataclass(frozen=True)
class Source:
    jenis: str  # 'sirekap' (a tree) or 'rilis' (a published release)
    path: Path
    release_id: str | None = None  # for 'rilis'


@dataclass(frozen=True)
class Reconciliation:
    release_id: str
    folder: Path
    source: dict
    summary: list[dict]  # ringkasan.csv rows

    def total(self, status: str) -> int:
        return sum(int(r[status]) for r in self.summary)


def resolve_release(out: Path, release: str | None) -> tuple[str, Path]:
    """(id, folder) of OUT's release `release` (None or 'latest': the one OUT/latest points at)."""
    releases = Path(out) / "releases"
    if release in (None, "", "latest"):
        latest = Path(out) / "latest"
        target = Path(os.path.realpath(latest)) if os.path.lexists(latest) else None
        if target is None or target.parent != Path(os.path.realpath(releases)) or not target.is_dir():
            raise ReconcileError(f"belum ada rilis yang diterbitkan di {releases} "
                                 f"(atau {latest} tidak menunjuk ke rilis)")
        return target.name, target
    if not RELEASE_ID.fullmatch(release) or not (releases / release / "data" / "hasil.csv").is_file():
        raise ReconcileError(f"rilis {release!r} tidak ada di {releases}")
    return release, releases / release


def resolve_source(path: Path) -> Source:
    """A Sirekap-shaped tree (paslon/ and pkwkp/ or pkwkk/), a release folder, or an OUT (its latest)."""
    path = Path(path)
    if not path.is_dir():
        raise ReconcileError(f"pembanding {path} tidak ada atau bukan folder")
    if is_tree(path):
        return Source("sirekap", path)
    if (path / "data" / "hasil.csv").is_file() and (path / "data" / "administrasi.csv").is_file():
        return Source("rilis", path, Path(os.path.realpath(path)).name)
    if (path / "latest").exists() and (path / "releases").is_dir():
        rid, folder = resolve_release(path, None)
        return Source("rilis", folder, rid)
    raise ReconcileError(f"{path} bukan pohon Sirekap (paslon/ dan pkwkp/ atau pkwkk/) maupun rilis rekap "
                         "(data/hasil.csv, data/administrasi.csv) atau folder OUT")


def reconcile(out: Path, release: str | None, against: Path, *, threads: int = 2,
              memory_limit: str = "2GB") -> Reconciliation:
    """Compare OUT's release with `against`; write and return the result (see the module doc)."""
    rid, release_dir = resolve_release(out, release)
    source = resolve_source(against)
    base = Path(out) / RESULT_DIR / rid
    base.mkdir(parents=True, exist_ok=True)
    scratch = base / f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    scratch.mkdir()
    try:
        with connect(scratch / "rekonsiliasi.duckdb", threads=threads, memory_limit=memory_limit) as con:
            run_sql(con, "reconcile/sisi")
            _load_release(con, "rekap", release_dir)
            if source.jenis == "rilis":
                _load_release(con, "pembanding", source.path)
                key, described = f"rilis-{source.release_id}", {"rilis": source.release_id}
            else:
                digest = _load_tree(con, source.path, scratch / "pembanding.csv")
                key, described = f"sirekap-{digest[:16]}", {"sha256": digest}
            run_sql(con, "reconcile/rekonsiliasi")
            run_sql(con, "reconcile/ringkasan")
            run_sql(con, "reconcile/ekspor", {"path": str(scratch / "rekonsiliasi.csv")})
            run_sql(con, "reconcile/ringkasan_ekspor", {"path": str(scratch / "ringkasan.csv")})
        for name in ("rekonsiliasi.duckdb", "pembanding.csv"):
            (scratch / name).unlink(missing_ok=True)
        summary = _read_summary(scratch / "ringkasan.csv")
        meta = {"rilis": rid, "pembanding": {"jenis": source.jenis, "lokasi": str(Path(against).resolve()),
                                             **described},
                "ringkasan": {s: sum(int(r[s]) for r in summary) for s in STATUSES}}
        (scratch / "sumber.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                             encoding="utf-8")
        folder = base / key
        if folder.is_dir():  # the same release and source were reconciled before: same bytes
            shutil.rmtree(folder)
        os.rename(scratch, folder)
        return Reconciliation(rid, folder, meta, summary)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _load_release(con, side: str, folder: Path) -> None:
    run_sql(con, "reconcile/muat_rilis", {"sisi": side, "hasil": str(folder / "data" / "hasil.csv"),
                                               "administrasi": str(folder / "data" / "administrasi.csv")})


def _load_tree(con, root: Path, scratch_csv: Path) -> str:
    """Stream the tree's figures into a CSV and load it; returns the SHA-256 over the files read."""
    digest = hashlib.sha256()
    with scratch_csv.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FIGURE_COLUMNS)
        for fig in iter_figures(root, digest):
            w.writerow((fig.jenis, fig.kode_kontes, fig.tingkat, fig.kode_wilayah,
                        "" if fig.nomor_urut is None else fig.nomor_urut, "" if fig.suara is None else fig.suara,
                        "" if fig.tps_total is None else fig.tps_total,
                        "" if fig.tps_progres is None else fig.tps_progres,
                        "true" if fig.dari_tabel else "false", fig.berkas))
    run_sql(con, "reconcile/muat_pohon", {"figures": str(scratch_csv)})
    return digest.hexdigest()


def _read_summary(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def reconciliations_of(out: Path, rid: str) -> list[dict]:
    """The reconciliations of one release under OUT/rekonsiliasi (for the portal): their source,
    summary rows and folder, newest source kind first by name. Only plain folders inside it count."""
    base = Path(out) / RESULT_DIR
    if not RELEASE_ID.fullmatch(rid) or not base.is_dir():
        return []
    root = os.path.realpath(base / rid)
    if os.path.dirname(root) != os.path.realpath(base) or not os.path.isdir(root):
        return []
    found = []
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if not FOLDER.fullmatch(name) or os.path.islink(folder) or not os.path.isdir(folder):
            continue
        # what the portal reads: plain files written by reconcile, never a link out of OUT
        if not all(os.path.isfile(os.path.join(folder, f)) and not os.path.islink(os.path.join(folder, f))
                   for f in ("sumber.json", "ringkasan.csv", "rekonsiliasi.csv")):
            continue
        try:
            meta = json.loads(Path(folder, "sumber.json").read_text(encoding="utf-8"))
            summary = _read_summary(Path(folder, "ringkasan.csv"))
        except (OSError, ValueError):
            continue
        found.append({"kunci": name, "folder": Path(folder), "sumber": meta, "ringkasan": summary})
    return found


def disagreements(folder: Path, limit: int) -> list[dict]:
    """The first `limit` rows of a reconciliation whose unit is not `sama` (streamed: the file of a
    national reconciliation is large)."""
    rows = []
    with (Path(folder) / "rekonsiliasi.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["status_unit"] != "sama":
                rows.append(row)
                if len(rows) >= limit:
                    break
    return rows
