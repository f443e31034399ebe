"""Taking the input: the run's own copy of the package (or its conversion), then ingest into DuckDB."""

from __future__ import annotations

from dataclasses import dataclass, field

from rekap.contract import INPUT_FILES
from rekap.db import connect
from rekap.ingest.tables import IngestReport, load_package
from rekap.release import describe_files, latest_release, made_from, read_manifest, rule_set_digest
from rekap.ingest.snapshot import snapshot_package
from rekap.stages.run import Run


@dataclass(frozen=True)
class TakenInput:
    """The package a run reads, as taken: its files with their SHA-256 (the manifest's `inputs`),
    what the operator should be told, and for a converted input what the conversion read and filled."""

    files: list
    warnings: list[str] = field(default_factory=list)
    conversion: dict | None = None  # the manifest's `masukan`


def take_input(run: Run) -> TakenInput:
    """Copy the package into the run's scratch (or convert it from Sirekap JSON): ingest, the input
    hashes and the release id all read that copy, so a package updated meanwhile cannot split them.
    When OUT/latest was made from these very inputs, the run is done (`Run.unchanged`)."""
    settings, paths = run.settings, run.paths
    if settings.input_format == "sirekap":  # convert to a contract package, then ingest as usual
        from rekap.ingest.sirekap_json import convert_folder

        conversion = convert_folder(settings.input_dir, paths.package)
        present = [paths.package / f.name for f in INPUT_FILES if (paths.package / f.name).is_file()]
        taken = TakenInput(describe_files(paths.package, present), conversion.warnings(), conversion.as_manifest())
    else:
        taken = TakenInput(snapshot_package(settings.input_dir, paths.package))
    run.unchanged = unchanged_release(run, taken.files)
    return taken


def unchanged_release(run: Run, inputs: list) -> dict | None:
    """The outcome of the release OUT/latest points to when it was made from these very inputs with
    this rule set and code: a full run would publish it again byte for byte (its changelog compares
    with the same base, `changelog.comparison_base`), so the run stops after copying the input."""
    latest = latest_release(run.settings.out_dir)
    manifest = read_manifest(latest) if latest is not None else {}
    if not made_from(manifest, inputs, rule_set_digest()):
        return None
    return {"release_id": manifest["release_id"], "path": str(run.settings.releases_dir / manifest["release_id"]),
            "new": False, "exit_code": manifest["exit_code"], "summary": manifest["summary"]}


def ingest(run: Run) -> IngestReport:
    """Read the election package into DuckDB, or raise InputError naming the first unusable cell."""
    with connect(run.paths.db, threads=run.settings.threads, memory_limit=run.settings.memory_limit) as con:
        report = load_package(con, run.paths.package)
    report.warnings[:0] = run.taken.warnings
    return report
