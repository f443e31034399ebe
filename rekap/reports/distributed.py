"""PDF rendering spread over a Dask cluster (`rekap run --task-runner dask`).

The flow renders HTML and XLSX itself, then sends the PDF work as batches of (path, HTML text) to
Prefect tasks on a `DaskTaskRunner`: a local cluster of worker processes by default, or the
scheduler at `--dask-address` whose workers may be other machines. Batches carry the HTML text and
return the PDF bytes, so workers need rekap installed (same version, same fonts) but no shared disk.
The flow writes the PDFs into the release: the bytes are those the local workers would write.
"""

from __future__ import annotations

from pathlib import Path

from rekap.reports.pdf_worker import render_pdf_bytes

# Documents per Prefect task: large enough that task overhead (state updates to the API) stays small
# against ~0.2 s of layout per page, small enough that workers finish together.
BATCH_WEIGHT = 40_000


def pdf_batches(jobs: list[tuple[Path, int]], release_dir: Path) -> list[list[tuple[str, int]]]:
    """(release-relative HTML path, weight) batches of about BATCH_WEIGHT, heaviest documents first."""
    order = sorted(jobs, key=lambda job: (-job[1], job[0].as_posix()))
    batches: list[list[tuple[str, int]]] = []
    weight = BATCH_WEIGHT
    for path, bobot in order:
        if weight >= BATCH_WEIGHT:
            batches.append([])
            weight = 0
        batches[-1].append((path.relative_to(release_dir).as_posix(), bobot))
        weight += bobot
    return batches


def batch_payload(batch: list[tuple[str, int]], release_dir: Path) -> list[tuple[str, str]]:
    return [(rel, (release_dir / rel).read_text(encoding="utf-8")) for rel, _ in batch]


def render_batch(payload: list[tuple[str, str]]) -> list[tuple[str, bytes, int]]:
    """On a worker: each (relative HTML path, HTML text) → (relative PDF path, PDF bytes, pages)."""
    out = []
    for rel, html in payload:
        pdf, pages = render_pdf_bytes(html, "/" + str(Path(rel).parent) + "/")
        out.append((str(Path(rel).with_suffix(".pdf")), pdf, pages))
    return out


def write_batch(results: list[tuple[str, bytes, int]], release_dir: Path) -> int:
    """Write a batch's PDFs into the release being written; returns its pages."""
    for rel, pdf, _ in results:
        (release_dir / rel).write_bytes(pdf)
    return sum(pages for _, _, pages in results)

