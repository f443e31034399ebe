"""Reports whose content did not change since the previous release are reused, not re-rendered.

Every report has a content key: SHA-256 over what the renderer is made of (templates, the report
code, rekap's and WeasyPrint's versions) and over everything the template is given (its context).
A release lists its reports in `laporan/indeks.json`:

    {"<path without suffix>": {"kunci": <key>, "rilis": <release id>, "data_sha256": <its data hash>}}

where `rilis` is the release that first published that content. When the previous release has a
report under the same path with the same key, its files are hard-linked into the new release (copied
when the two are on different file systems) instead of being rendered again. A reused report keeps
the footer of the release that first published it — the footer says since when these figures stand —
and the new release's manifest lists it with its hash like every other file. A PDF the previous
release did not render (a run with --tanpa-pdf) is rendered from the reused HTML.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from rekap import __version__
from rekap.paths import resource_dir

INDEX = "laporan/indeks.json"


@dataclass(frozen=True)
class Asal:
    """The release a report's content was first published in: what its footer prints."""

    rilis: str
    data_sha256: str

    def identity(self) -> dict:
        return {"release_id": self.rilis, "data_sha256": self.data_sha256}


@cache
def renderer_digest() -> str:
    """What a report's bytes depend on besides its context: templates, report code, versions."""
    digest = hashlib.sha256(f"rekap {__version__}; weasyprint {version('weasyprint')}".encode())
    code = Path(__file__).parent
    files = [p for p in (resource_dir("templates") / "reports").rglob("*") if p.is_file()]
    files += [p for p in code.glob("*.py")]
    for path in sorted(files, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"\0{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(template: str, context: dict) -> str:
    """SHA-256 of one report's inputs; context values are plain rows (str, int, Decimal, date, None)."""
    body = json.dumps(context, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{renderer_digest()}\0{template}\0{body}".encode()).hexdigest()


class Reuse:
    """The previous release's report index, and the index of the release being rendered."""

    def __init__(self, previous: Path | None, release_dir: Path, current: Asal) -> None:
        self.previous = previous
        self.release_dir = release_dir
        self.current = current
        self.earlier: dict[str, dict] = {}
        if previous is not None and (previous / INDEX).is_file():
            self.earlier = json.loads((previous / INDEX).read_text(encoding="utf-8"))
        self.index: dict[str, dict] = {}
        self.reused = 0

    def take(self, path: str, key: str, suffixes: tuple[str, ...]) -> tuple[Asal, list[str]]:
        """Record report `path`; link what the previous release has of it when its key is unchanged.

        Returns the footer identity to render with and the suffixes that were linked (none: render)."""
        before = self.earlier.get(path)
        linked: list[str] = []
        if before is not None and before.get("kunci") == key:
            for suffix in suffixes:
                if _link(self.previous / f"{path}{suffix}", self.release_dir / f"{path}{suffix}"):
                    linked.append(suffix)
                elif suffix == suffixes[0]:
                    break  # without the main file nothing of the old report is usable
        asal = Asal(before["rilis"], before["data_sha256"]) if linked else self.current
        self.index[path] = {"kunci": key, "rilis": asal.rilis, "data_sha256": asal.data_sha256}
        if linked:
            self.reused += 1
        return asal, linked

    def write(self) -> Path:
        target = self.release_dir / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(self.index, sort_keys=True, indent=1) + "\n", encoding="utf-8")
        return target


def _link(source: Path, target: Path) -> bool:
    """Hard-link a published file into the release being written; copy across file systems."""
    if not source.is_file() or source.is_symlink():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return True
