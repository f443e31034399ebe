"""Where the project's resources live, both in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent


def resource_dir(name: str) -> Path:
    """`sql`, `expectations` or `templates`: the checkout's top-level folder, or the wheel's copy."""
    bundled = _PACKAGE / "_res" / name
    return bundled if bundled.is_dir() else _ROOT / name


def project_root() -> Path:
    return _ROOT
