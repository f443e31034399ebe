"""The stages that write the release: data files, changelog, NIST report, identity, reports, overview."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from rekap.changelog import CHANGELOG, comparison_base, write_changelog
from rekap.exports import write_data_files
from rekap.nist import NistReport, write_nist_report
from rekap.overview import Overview, run_overview
from rekap.recap import Summary, summarize
from rekap.release import describe_files, latest_release, release_id, rule_set_digest
from rekap.sirekap.keluar import write_sirekap_tree
from rekap.stages.levels import _db
from rekap.stages.run import Run


def export(run: Run) -> Summary:
    """The release's data files and its Sirekap-shaped tree (sirekap/, docs/sirekap.md); the
    summary says whether everything is final."""
    with _db(run) as con:
        write_data_files(con, run.paths.data)
        write_sirekap_tree(con, run.paths.release)
        return summarize(con)


def changelog(run: Run) -> str | None:
    """data/changelog.csv: every TPS-level figure changed since the previous release, and why.
    It is data, so it comes before the release id; returns the id compared with (None: none)."""
    settings = run.settings
    base = comparison_base(settings.out_dir, run.taken.files, rule_set_digest())
    with _db(run) as con:
        write_changelog(con, run.paths.data, settings.releases_dir / base if base else None)
    return base


def nist(run: Run) -> NistReport:
    """nist/election_report.xml and .json: the release in NIST SP 1500-100 v2 (docs/nist.md). It is
    data, so it comes before the release id; after the changelog, which tells a correction release."""
    with _db(run) as con:
        return write_nist_report(con, run.paths.release, run.paths.data / CHANGELOG)


@dataclass(frozen=True)
class Identity:
    """What a release is made of, known before its reports are rendered (they print it)."""

    release_id: str
    data_sha256: str
    inputs: list
    rules: str
    data: list  # the files hashed for the id: the manifest reuses their hashes


def identify(run: Run) -> Identity:
    """Hash the inputs and the data and validation files: the release id derives from them."""
    release = run.paths.release
    data = describe_files(release, [p for p in sorted(release.rglob("*")) if p.is_file()])
    rules = rule_set_digest()
    data_sha256 = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    return Identity(release_id(run.taken.files, data, rules), data_sha256, run.taken.files, rules, data)


def render(run: Run, *, defer_pdf: bool = False) -> list[tuple[Path, int]]:
    """Render the reports into the release being written. With `defer_pdf` the PDFs are left to the
    caller (a Dask cluster, flows/dask.py): returns the (HTML path, weight) still to render."""
    from rekap.reports import render_reports

    settings, identity = run.settings, run.identity
    if not settings.reports:
        return []
    deferred: list[tuple[Path, int]] = []

    def defer(jobs, workers):
        deferred.extend(jobs)
        return [(path.with_suffix(".pdf"), 0) for path, _ in jobs]

    render_reports(run.paths.db, run.paths.release, release_id=identity.release_id,
                   data_sha256=identity.data_sha256, pdf=settings.pdf, workers=settings.threads,
                   previous=latest_release(settings.out_dir), pdf_renderer=defer if defer_pdf else None)
    return deferred


def overview(run: Run) -> Overview:
    """Per-contest progress and a findings summary for the operator (Prefect artifacts)."""
    with _db(run) as con:
        return run_overview(con)
