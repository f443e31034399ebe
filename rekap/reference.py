"""Location of the reference tables shipped with the package (``rekap/reference/``).

The tables are generated at development time by ``tools/build_reference.py``; see
``rekap/reference/SOURCE.md`` for their provenance. Nothing here reads outside the package.
"""

from __future__ import annotations

from pathlib import Path

_DIR = Path(__file__).resolve().parent / "reference"


def reference_dir() -> Path:
    """The folder holding the shipped reference CSVs (``wilayah.csv``, ``paslon.csv`` …)."""
    return _DIR


def reference_file(name: str) -> Path:
    """Path of one reference file; raises FileNotFoundError if it is not shipped."""
    path = _DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"reference file not found: {path}")
    return path
