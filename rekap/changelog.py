"""The changelog of a release (data/changelog.csv): every figure at TPS level that differs from the
previous release, and why (sql/release/export_changelog.sql).

The previous release is the one OUT/latest points to, read back from its own data/hasil.csv and
data/administrasi.csv by DuckDB (sql/release/export_changelog.sql). The changelog is data: it is written before
the release id is derived, so the id covers it. A re-run of the very inputs that made OUT/latest
compares with what that release compared with (its manifest records it), so it gives the same
bytes and publishes nothing new; without a previous release the changelog is header-only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from rekap.errors import ReleaseError
from rekap.release import latest_release, made_from, read_manifest
from rekap.sqlfiles import run_sql

CHANGELOG = "changelog.csv"
# the previous release's files the changelog reads
_PREVIOUS_FILES = ("hasil.csv", "administrasi.csv")


def comparison_base(out_dir: Path, inputs: list[dict], rules: str) -> str | None:
    """The id of the release to compare with, or None when there is none.

    Normally the release OUT/latest points to. When that release was made from these very inputs
    with the same code and rules (a re-run), the release *it* compared with: the changelog stays
    the one of the first run, so an identical input gives an identical release."""
    target = latest_release(out_dir)
    if target is None:
        return None
    manifest = read_manifest(target)
    if made_from(manifest, inputs, rules):
        base = (manifest.get("changelog") or {}).get("dibandingkan_dengan")
        return base if base and (out_dir / "releases" / base).is_dir() else None
    return target.name


def write_changelog(con: duckdb.DuckDBPyConnection, data_dir: Path, previous: Path | None) -> Path:
    """data/changelog.csv of the run in `con` against the release folder `previous` (None: header only)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / CHANGELOG
    if previous is None:
        run_sql(con, "release/export_changelog_kosong", {"path": str(path)})
        return path
    files = {Path(name).stem: previous / "data" / name for name in _PREVIOUS_FILES}
    for old in files.values():
        if not old.is_file():
            raise ReleaseError(f"rilis sebelumnya {previous.name} tidak lengkap: {old.relative_to(previous)} "
                               "tidak ada; perubahan terhadapnya tidak dapat dihitung")
    run_sql(con, "release/export_changelog", {"path": str(path), **{name: str(old) for name, old in files.items()}})
    return path
