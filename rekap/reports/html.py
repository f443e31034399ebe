"""HTML of every report: the D.Hasil forms of each level, penetapan and pengecualian per contest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from rekap.reports.data import Formulir, Kontes
from rekap.reports.env import environment
from rekap.reports.formulir import TINGKAT, konteks
from rekap.reports.kontes import konteks_pengecualian, konteks_penetapan
from rekap.reports.reuse import Reuse, content_key


@dataclass(frozen=True)
class Dokumen:
    """One report: where it goes (relative to the release, without suffix) and how heavy it is."""

    path: str
    template: str
    context: dict
    bobot: int  # a cost estimate (rows × columns) to schedule the PDF work largest-first


def folder_kontes(kontes: Kontes) -> str:
    jenis, kode = kontes.key
    return f"laporan/{jenis}-{kode}"


def dokumen_formulir(kontes: Kontes, form: Formulir) -> Dokumen:
    return Dokumen(f"{folder_kontes(kontes)}/{form.tingkat}-{form.kode}", TINGKAT[form.tingkat].template,
                   konteks(kontes, form), (len(form.kolom) + 1) * (40 + len(kontes.paslon)))


def dokumen_kontes(kontes: Kontes) -> list[Dokumen]:
    folder = folder_kontes(kontes)
    return [
        Dokumen(f"{folder}/penetapan", "penetapan.html.j2", konteks_penetapan(kontes), 40 + 5 * len(kontes.paslon)),
        Dokumen(f"{folder}/pengecualian", "pengecualian.html.j2", konteks_pengecualian(kontes),
                40 + 4 * len(kontes.temuan) + len(kontes.progres)),
    ]


def render_html(documents: Iterable[Dokumen], release_dir: Path, reuse: Reuse,
                pdf: bool) -> list[tuple[Path, int, bool]]:
    """Write each document's HTML as it comes, or link it from the previous release when its content
    key is unchanged; returns (path, bobot, PDF still to render) of each, in order."""
    env = environment()
    suffixes = (".html", ".pdf") if pdf else (".html",)
    written = []
    made: set[Path] = set()
    for doc in documents:
        path = release_dir / f"{doc.path}.html"
        asal, linked = reuse.take(doc.path, content_key(doc.template, doc.context), suffixes)
        if not linked:
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            html = env.get_template(doc.template).render(**doc.context, **asal.identity())
            path.write_bytes(html.encode("utf-8"))
        written.append((path, doc.bobot, pdf and ".pdf" not in linked))
    return written
