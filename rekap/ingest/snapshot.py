"""The run's own copy of the input package, taken before anything reads it.

A scheduled run reads a folder that operators keep updating. The run copies the contract files
into its scratch folder first, hashing them on the way, and from then on reads and describes only
that copy: the recap, the manifest's input hashes and the release id all come from the same bytes,
even if a file of the package is replaced while the run is going.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rekap.contract import INPUT_FILES
from rekap.errors import InputError

_CHUNK = 1 << 20


def require_files(package: Path) -> None:
    """The package folder exists and holds every mandatory contract file (named as the user gave it)."""
    if not package.is_dir():
        raise InputError(str(package), None, None, "folder paket pemilihan tidak ada")
    for spec in INPUT_FILES:
        if spec.mandatory_file and not (package / spec.name).is_file():
            raise InputError(spec.name, None, None, f"berkas wajib tidak ada di {package}")


def snapshot_package(source: Path, target: Path) -> list[dict]:
    """Copy the contract files of `source` into `target`; returns their [{file, sha256, bytes}]."""
    require_files(source)
    target.mkdir(parents=True, exist_ok=True)
    described = []
    for spec in INPUT_FILES:
        path = source / spec.name
        if not path.is_file():
            continue
        digest, size = hashlib.sha256(), 0
        with path.open("rb") as src, (target / spec.name).open("wb") as out:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        described.append({"file": spec.name, "sha256": digest.hexdigest(), "bytes": size})
    described.sort(key=lambda d: d["file"])
    return described
