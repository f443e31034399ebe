"""Releases: immutable, content-addressed folders under OUT/releases, published atomically.

Publishing = everything written and fsynced in a staging folder under OUT/.work, one rename into
OUT/releases/<id>, then the `latest` symlink replaced by rename. A crash before the first rename
leaves only scratch behind; a crash between the two leaves a complete release that `latest`
does not point to yet. Either way the previous release and `latest` are intact.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import json
import os
import shutil
import signal
import uuid
from dataclasses import dataclass
from pathlib import Path

from rekap import __version__
from rekap.errors import ReleaseError
from rekap.paths import resource_dir
from rekap.processes import pid_alive

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def describe_files(root: Path, paths: list[Path]) -> list[dict]:
    """[{file, sha256, bytes}] relative to `root`, sorted by name."""
    return sorted(({"file": p.relative_to(root).as_posix(), "sha256": sha256_file(p),
                    "bytes": p.stat().st_size} for p in paths), key=lambda d: d["file"])


# The folders of sql/ a release is made with: what it computes, checks and publishes. Every folder is
# one or the other (tests/sql/test_layout.py): editing a query that only reads published releases or
# writes sample packages must not change the rule set, nor so the release id of unchanged inputs.
RELEASE_SQL = ("_macros", "_util", "staging", "forms", "recap", "gates", "penetapan", "pleno", "release", "nist",
               "sirekap", "reports")
READ_ONLY_SQL = ("read", "reconcile", "sample")


def latest_release(out_dir: Path) -> Path | None:
    """The release folder OUT/latest points to, if any (stable while a run holds OUT's lock)."""
    latest = out_dir / "latest"
    if not latest.is_symlink() and not latest.exists():
        return None
    target = latest.resolve()
    return target if target.is_dir() else None


def read_manifest(release: Path) -> dict:
    """A release's manifest.json ({} when missing or unreadable)."""
    try:
        return json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def made_from(manifest: dict, inputs: list[dict], rules: str) -> bool:
    """Whether the release of `manifest` was made from these very inputs with this rule set and code:
    recapping them again gives the same data (and, over the same base, the same release)."""
    return (manifest.get("inputs") == inputs and manifest.get("rule_set_sha256") == rules
            and manifest.get("code_version") == __version__)


def rule_set_digest() -> str:
    """SHA-256 over the release SQL and the expectation files: the rule set a release was made with."""
    digest = hashlib.sha256()
    sql = resource_dir("sql")
    roots = [(sql, sql / folder) for folder in RELEASE_SQL] + [(resource_dir("expectations"),) * 2]
    for base, root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(base).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def release_id(inputs: list[dict], outputs: list[dict], rules: str) -> str:
    """Derived from content only: the inputs, the data published, the code and rule versions."""
    canonical = json.dumps({"inputs": inputs, "outputs": outputs, "code": __version__, "rules": rules},
                           sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Published:
    release_id: str
    path: Path
    new: bool  # False: an identical release already existed; nothing was written


def new_staging_dir(work_dir: Path) -> Path:
    """A private scratch folder for one run; its name carries our pid so stale ones can be swept."""
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / f"run-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    path.mkdir()
    return path


def sweep_stale(work_dir: Path) -> None:
    """Remove scratch left by runs whose process is gone (a crash, a kill)."""
    if not work_dir.is_dir():
        return
    for path in work_dir.glob("run-*"):
        try:
            pid = int(path.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not pid_alive(pid):
            shutil.rmtree(path, ignore_errors=True)



def publish(release_dir: Path, out_dir: Path, rid: str) -> Published:
    """Move a fully written `release_dir` to OUT/releases/<rid> and point OUT/latest at it."""
    releases = out_dir / "releases"
    target = releases / rid
    try:
        releases.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            shutil.rmtree(release_dir)
            new = False
        else:
            _fsync_tree(release_dir)
            crash_point("before-rename")
            os.rename(release_dir, target)
            _fsync_dir(releases)
            new = True
        crash_point("before-latest")
        _point_latest(out_dir, Path("releases") / rid)
    except OSError as err:
        raise ReleaseError(f"rilis tidak dapat ditulis ke {out_dir}: {err.strerror or err}") from None
    return Published(rid, target, new)


def _point_latest(out_dir: Path, relative_target: Path) -> None:
    link = out_dir / "latest"
    if link.is_symlink() and Path(os.readlink(link)) == relative_target:
        return
    tmp = out_dir / f".latest-{uuid.uuid4().hex[:8]}"
    os.symlink(relative_target, tmp)
    os.replace(tmp, link)
    _fsync_dir(out_dir)


def _fsync_tree(root: Path) -> None:
    """Everything under `root` on disk before the rename makes it visible. One syncfs(2) of the file
    system flushes a national release (tens of thousands of files) in about the time of its bytes;
    an fsync per file cost ~50 s there. Where syncfs is missing (not Linux), a file at a time."""
    if _syncfs(root):
        return
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _syncfs(path: Path) -> bool:
    libc = _libc()
    if libc is None or not hasattr(libc, "syncfs"):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        return libc.syncfs(fd) == 0
    finally:
        os.close(fd)


@functools.cache
def _libc():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def crash_point(name: str) -> None:
    """Test hook: REKAP_CRASH_AT=<name> kills the process here with SIGKILL, as a power cut would.

    Called after every stage of rekap.stages.PLAN, named after the stage just finished (`masukan`,
    `ingest`, `formulir`, `gerbang-tps`, `rekap-desa`, ..., `ringkasan`, `terbitkan`), and inside publishing:
    `before-rename` (staged and fsynced), `before-latest` (renamed into releases/) and `before-db`
    (`latest` switched, the run's database not yet moved beside the releases)."""
    if os.environ.get("REKAP_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
