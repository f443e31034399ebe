"""The published releases as their readers see them: OUT/releases/<id>/… and nothing else.

Every path a reader (the portal, explain) opens goes through `Releases.release_dir` /
`Releases.file`, which resolve symlinks and refuse anything whose real path leaves OUT/releases. The data files of a release are
immutable, so each release is loaded once into its own in-memory DuckDB and kept (a few at a time).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from rekap.db import level_table
from rekap.sqlfiles import run_sql

log = logging.getLogger("rekap.published")

# A path segment the portal accepts at all: no dot first (no `.`, `..`, hidden files), no
# separators, no percent signs, no control or non-ASCII characters.
SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
RELEASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")

# the data CSVs of a release and the SQL that loads each
DATA_FILES = {"hasil": "read/portal_muat_hasil", "administrasi": "read/portal_muat_administrasi",
              "penetapan": "read/portal_muat_penetapan", "pengecualian": "read/portal_muat_pengecualian",
              "pleno": "read/portal_muat_pleno"}
# data files a release may lack (published before they existed): loaded as an empty table
OPTIONAL_DATA = {"pleno": "read/portal_pleno_kosong"}


class ReleaseUnreadable(Exception):
    """A release's data files are missing or cannot be parsed."""


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the release, with forward slashes
    size: int


class ReleaseData:
    """A release's four data CSVs in an in-memory DuckDB (with the project's macros); each query uses
    its own cursor."""

    def __init__(self, data_files: dict[str, Path | None], *, threads: int | None = None):
        config: dict[str, Any] = {"preserve_insertion_order": True}
        if threads:
            config["threads"] = threads
        self._con = duckdb.connect(":memory:", config=config)
        try:
            # the project's macros: shares printed from a release are persen_2d, as in the reports
            run_sql(self._con, "_macros/tingkat", level_table())
            run_sql(self._con, "_macros/macros")
            for name, sql in DATA_FILES.items():
                if data_files.get(name) is None:
                    run_sql(self._con, OPTIONAL_DATA[name])
                else:
                    run_sql(self._con, sql, {"path": str(data_files[name])})
        except duckdb.Error as err:
            self._con.close()
            raise ReleaseUnreadable(str(err)) from None

    def rows(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        cur = self._con.cursor()
        try:
            run_sql(cur, name, params)
            columns = [d[0] for d in cur.description]
            return [dict(zip(columns, row)) for row in cur.fetchall()]
        finally:
            cur.close()

    def one(self, name: str, params: dict[str, Any]) -> dict[str, Any] | None:
        rows = self.rows(name, params)
        return rows[0] if rows else None

    def close(self) -> None:
        self._con.close()


class Releases:
    """OUT as the portal sees it: the list of releases, their manifests, files and data."""

    def __init__(self, out: Path, *, cache_size: int = 3, threads: int | None = None):
        self.out = Path(out)
        self.cache_size = max(1, cache_size)
        self.threads = threads
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        self._data: OrderedDict[str, ReleaseData] = OrderedDict()
        self._manifests: dict[str, dict] = {}
        self._files: dict[str, dict[str, FileEntry]] = {}

    # --- where things are -------------------------------------------------------------------

    def root(self) -> str | None:
        """The real path of OUT/releases, or None when nothing was published yet."""
        root = os.path.realpath(self.out / "releases")
        return root if os.path.isdir(root) else None

    def latest_id(self) -> str | None:
        root = self.root()
        link = self.out / "latest"
        if root is None or not os.path.lexists(link):
            return None
        target = os.path.realpath(link)
        if os.path.dirname(target) != root or not os.path.isdir(target):
            return None
        rid = os.path.basename(target)
        return rid if RELEASE_ID.fullmatch(rid) else None

    def release_dir(self, rid: str) -> str | None:
        """The real path of a release's folder; None unless it is a folder right inside OUT/releases."""
        if not RELEASE_ID.fullmatch(rid):
            return None
        root = self.root()
        if root is None:
            return None
        real = os.path.realpath(os.path.join(root, rid))
        if os.path.dirname(real) != root or not os.path.isdir(real):
            return None
        return real

    def file(self, rid: str, parts: list[str] | tuple[str, ...]) -> Path | None:
        """A regular file of a release, by its path segments; None for anything else.

        Segments are checked one by one, then the joined path is resolved (symlinks included) and
        must still lie inside the release's folder, itself inside OUT/releases."""
        if not parts or not all(SEGMENT.fullmatch(p) for p in parts):
            return None
        base = self.release_dir(rid)
        if base is None:
            return None
        return _inside(base, os.path.join(base, *parts))

    # --- what is there ----------------------------------------------------------------------

    def ids(self) -> list[str]:
        root = self.root()
        if root is None:
            return []
        try:
            names = sorted(os.listdir(root))
        except OSError:
            return []
        return [n for n in names if self.release_dir(n) is not None]

    def manifest(self, rid: str) -> dict | None:
        with self._lock:
            if rid in self._manifests:
                return self._manifests[rid]
        path = self.file(rid, ["manifest.json"])
        if path is None:
            return None
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(manifest, dict):
            return None
        with self._lock:
            self._manifests[rid] = manifest
        return manifest

    def files(self, rid: str) -> dict[str, FileEntry]:
        """Every regular file of a release (real path inside it), by relative path."""
        with self._lock:
            if rid in self._files:
                return self._files[rid]
        base = self.release_dir(rid)
        found: dict[str, FileEntry] = {}
        if base is not None:
            for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if SEGMENT.fullmatch(d))
                for name in sorted(filenames):
                    if not SEGMENT.fullmatch(name):
                        continue
                    real = _inside(base, os.path.join(dirpath, name))
                    if real is None:
                        continue
                    rel = os.path.relpath(os.path.join(dirpath, name), base).replace(os.sep, "/")
                    found[rel] = FileEntry(rel, real.stat().st_size)
        with self._lock:
            self._files[rid] = found
        return found

    def data(self, rid: str) -> ReleaseData:
        """The release's data, loaded on first use (once, however many requests ask at once)."""
        with self._lock:
            if rid in self._data:
                self._data.move_to_end(rid)
                return self._data[rid]
            gate = self._loading.setdefault(rid, threading.Lock())
        with gate:
            with self._lock:
                if rid in self._data:
                    return self._data[rid]
            paths = {}
            for name in DATA_FILES:
                path = self.file(rid, ["data", f"{name}.csv"])
                if path is None and name not in OPTIONAL_DATA:
                    raise ReleaseUnreadable(f"data/{name}.csv tidak ada")
                paths[name] = path
            started = time.perf_counter()
            loaded = ReleaseData(paths, threads=self.threads)
            log.info("rilis %s dimuat dalam %.1f dtk", rid, time.perf_counter() - started)
            with self._lock:
                self._data[rid] = loaded
                self._loading.pop(rid, None)
                while len(self._data) > self.cache_size:
                    self._data.popitem(last=False)  # dropped, closed when no request uses it
            return loaded


def _inside(base: str, candidate: str) -> Path | None:
    real = os.path.realpath(candidate)
    try:
        if real == base or os.path.commonpath([real, base]) != base:
            return None
    except ValueError:
        return None
    return Path(real) if os.path.isfile(real) else None
