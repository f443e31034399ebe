"""HTML of every report of the catalogue (`catalogue`): the D.Hasil forms of each level, and the
contest's own documents (penetapan, pengecualian)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from rekap.reports.catalogue import CONTEST_DOCUMENTS, FORMS, Document
from rekap.reports.data import Formulir, Kontes
from rekap.reports.env import environment
from rekap.reports.reuse import Reuse, content_key


@dataclass(frozen=True)
class Dokumen:
    """One report: where it goes (relative to the release, without suffix) and how heavy it is."""

    path: str
    template: str
    context: dict
    bobot: int  # a cost estimate (rows × columns) to schedule the PDF work largest-first
    formats: tuple[str, ...] = ("html", "pdf")


def dokumen(entry: Document, kontes: Kontes, form: Formulir | None = None) -> Dokumen:
    """The catalogue entry `entry` for one contest (and one form of it)."""
    jenis, kode = kontes.key
    return Dokumen(entry.path(jenis, kode, form.kode if form else None), entry.template,
                   entry.context(kontes, form), entry.weight(kontes, form), entry.formats)


def dokumen_formulir(kontes: Kontes, form: Formulir) -> Dokumen:
    return dokumen(FORMS[form.tingkat], kontes, form)


def dokumen_kontes(kontes: Kontes) -> list[Dokumen]:
    """The contest's documents rendered from a template (the workbook is `xlsx`'s)."""
    return [dokumen(entry, kontes) for entry in CONTEST_DOCUMENTS if entry.template is not None]


def render_html(documents: Iterable[Dokumen], release_dir: Path, reuse: Reuse,
                pdf: bool) -> list[tuple[Path, int, bool]]:
    """Write each document's HTML as it comes, or link it from the previous release when its content
    key is unchanged; returns (path, bobot, PDF still to render) of each, in order."""
    env = environment()
    written = []
    made: set[Path] = set()
    for doc in documents:
        suffixes = tuple(f".{f}" for f in doc.formats if pdf or f != "pdf")
        path = release_dir / f"{doc.path}.html"
        asal, linked = reuse.take(doc.path, content_key(doc.template, doc.context), suffixes)
        if not linked:
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            html = env.get_template(doc.template).render(**doc.context, **asal.identity())
            path.write_bytes(html.encode("utf-8"))
        written.append((path, doc.bobot, ".pdf" in suffixes and ".pdf" not in linked))
    return written
