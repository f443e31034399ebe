"""Official reports of a release: D.Hasil forms per unit (HTML, PDF), penetapan, pengecualian, XLSX.

Every document is an entry of `catalogue` (its path in the release, template, context, label and
formats), which the renderers and the portal read; nothing else lists the documents.

Modules: `catalogue`, `data` (figures from `sql/reports/*.sql`), `formulir` and `kontes` (what each
report shows), `env` (Jinja2), `html`, `pdf` (WeasyPrint in worker processes), `xlsx` (openpyxl).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Iterator

import duckdb

from rekap.reports.data import TINGKAT_FORMULIR, Key, Kontes, contests, forms, reading
from rekap.reports.html import Dokumen, dokumen_formulir, dokumen_kontes, render_html
from rekap.reports.pdf import render_pdfs
from rekap.reports.reuse import Asal, Reuse
from rekap.reports.xlsx import render_xlsx

log = logging.getLogger(__name__)


def render_reports(db_path: Path, release_dir: Path, *, release_id: str, data_sha256: str,
                   pdf: bool = True, workers: int = 2, previous: Path | None = None,
                   pdf_renderer=None) -> list[Path]:
    """Render every report of the run whose database is `db_path` into `release_dir/laporan`.

    `previous`: the release published before, whose unchanged reports are linked, not rendered
    (`reuse`). `pdf_renderer(jobs, workers)`: how PDFs are made (default: local worker processes)."""
    started = time.perf_counter()
    reuse = Reuse(previous, Path(release_dir), Asal(release_id, data_sha256))
    with reading(Path(db_path)) as con:
        runs = contests(con)
        html = render_html(_documents(con, runs), Path(release_dir), reuse, pdf)
    files = [path for path, _, _ in html]
    files += render_xlsx(list(runs.values()), Path(release_dir), reuse)
    if html:
        files.append(reuse.write())
    html_done = time.perf_counter()
    pages = 0
    jobs = [(path, bobot) for path, bobot, todo in html if todo]
    if jobs:
        rendered = (pdf_renderer or render_pdfs)(jobs, workers=workers)
        pages = sum(n for _, n in rendered)
    if pdf:
        files += [path.with_suffix(".pdf") for path, _, _ in html]
    log.info("laporan: %d dokumen, %d dipakai ulang dari rilis sebelumnya; %d HTML/XLSX dalam %.1f s; "
             "%d PDF (%d halaman) dalam %.1f s", len(html) + len(runs), reuse.reused,
             len(html) + len(runs) - reuse.reused, html_done - started, len(jobs), pages,
             time.perf_counter() - html_done)
    return sorted(files)


def _documents(con: duckdb.DuckDBPyConnection, runs: dict[Key, Kontes]) -> Iterator[Dokumen]:
    """Every report, the forms streamed level by level; each form's total row is kept for the XLSX."""
    for tingkat in TINGKAT_FORMULIR:
        for form in forms(con, tingkat):
            kontes = runs.get((form.jenis, form.kode_kontes))
            if kontes is not None:
                kontes.unit[tingkat].append(form.jumlah)
                yield dokumen_formulir(kontes, form)
    for kontes in runs.values():
        yield from dokumen_kontes(kontes)
