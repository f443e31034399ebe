"""PDF rendering of a fixed sample of a release's reports, to extrapolate to every report.

The sample is systematic: of the release's HTML reports in path order, every k-th so that about
`--reports` are taken; path order mixes every contest and level (kecamatan, kab/kota, province,
penetapan, pengecualian), so the sample carries the release's mix. They are copied out of the
release (releases are immutable) and rendered with rekap's own PDF pool
(`rekap.reports.pdf.render_pdfs`, `--workers` processes). The figure for every report is an
extrapolation by HTML bytes (layout cost grows with the table cells), stated as such.

    python -m bench.pdf_subset --release REL --reports 60 --scratch DIR --json RESULT.json
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bench.measure import Span, write_child_result


def sample(every: list[Path], n: int) -> list[Path]:
    step = max(1, len(every) // max(1, n))
    return every[step // 2::step][:n]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--release", required=True, type=Path)
    p.add_argument("--reports", type=int, default=60)
    p.add_argument("--scratch", required=True, type=Path)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--json", required=True, type=Path)
    args = p.parse_args(argv)
    from rekap.reports.pdf import render_pdfs

    every = sorted((args.release / "laporan").rglob("*.html"))
    if not every:
        raise SystemExit(f"no HTML reports in {args.release}")
    chosen = sample(every, args.reports)
    if args.scratch.exists():
        shutil.rmtree(args.scratch)
    jobs = []
    for html in chosen:
        copy = args.scratch / html.relative_to(args.release)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(html, copy)
        jobs.append((copy, copy.stat().st_size))
    with Span() as span:
        rendered = render_pdfs(jobs, workers=args.workers)
    subset_bytes, all_bytes = sum(w for _, w in jobs), sum(f.stat().st_size for f in every)
    pages = sum(n for _, n in rendered)
    write_child_result(args.json, {
        "workers": args.workers, "reports": len(jobs), "pages": pages,
        "wall_s": span.wall_s, "cpu_s": span.cpu_s,
        "subset_html_mb": subset_bytes / 2**20, "all_reports": len(every), "all_html_mb": all_bytes / 2**20,
        "extrapolated_wall_s": span.wall_s * all_bytes / subset_bytes,
        "extrapolated_pages": round(pages * all_bytes / subset_bytes),
        "extrapolated_by_count_wall_s": span.wall_s * len(every) / len(jobs),
    })
    shutil.rmtree(args.scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
