"""A PDF worker process: HTML paths in on stdin, `<pdf path>\t<pages>` out on stdout (see `pdf`).

WeasyPrint 70 writes a creation date only when the document asks for one
(`<meta name=dcterms.created>`, which the templates never emit): the same HTML gives the same PDF.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_FONTS = None  # one FontConfiguration per worker process, shared by its documents


def render_pdf(html_path: str) -> tuple[str, int]:
    """HTML file → PDF file beside it; returns (pdf path, pages)."""
    html = Path(html_path)
    target = html.with_suffix(".pdf")
    pdf, pages = render_pdf_bytes(html.read_text(encoding="utf-8"), str(html.parent) + "/")
    target.write_bytes(pdf)
    return str(target), pages


def render_pdf_bytes(html: str, base_url: str) -> tuple[bytes, int]:
    """HTML text → PDF bytes and pages. Reports are self-contained: nothing is fetched, from the
    network or the disk, so the same text gives the same bytes on any machine (`distributed`)."""
    global _FONTS
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    if _FONTS is None:
        _FONTS = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols=("data",))
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(font_config=_FONTS)
    return document.write_pdf(), len(document.pages)


def _serve() -> None:
    """Worker loop: stray prints (ours or a library's) go to stderr; stdout carries answers only."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    import weasyprint  # noqa: F401  (the import cost is paid once, before the first document)

    for line in sys.stdin:
        path = line.rstrip("\n")
        try:
            pdf, pages = render_pdf(path)
            answers.write(f"{pdf}\t{pages}\n")
        except Exception as exc:  # the parent reports it and fails the stage
            answers.write(f"GALAT\t{type(exc).__name__}: {exc}".replace("\n", " ") + "\n")
        answers.flush()


if __name__ == "__main__":
    _serve()
