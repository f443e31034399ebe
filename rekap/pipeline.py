"""The stages of one recap run as plain functions over (settings, run paths).

Prefect tasks in `flows/recap.py` are one-line shells around these; tests call them directly.
Every stage opens the run's DuckDB file itself, so stages share nothing in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rekap import __version__
from rekap.changelog import CHANGELOG, comparison_base, write_changelog
from rekap.contract import INPUT_FILES
from rekap.db import connect
from rekap.exports import write_data_files
from rekap.gates import GateReport, Validator, preload_in_background, run_gates
from rekap.ingest.tables import IngestReport, load_package
from rekap.lock import out_lock
from rekap.nist import NistReport, write_nist_report
from rekap.domain import LEVEL_NAMES as LEVELS
from rekap.recap import Summary, build_forms, build_level, decide_penetapan, summarize
from rekap.overview import Overview, run_overview
from rekap.reports import render_reports
from rekap.release import (Published, crash_point, describe_files, latest_release, made_from, new_staging_dir,
                           publish, read_manifest, release_id, rule_set_digest, sweep_stale)
from rekap.settings import RecapSettings
from rekap.ingest.snapshot import snapshot_package
from rekap.sirekap.keluar import write_sirekap_tree


@dataclass(frozen=True)
class RunPaths:
    """The scratch of one run: its database and the release folder being written."""

    run_dir: Path

    @property
    def db(self) -> Path:
        return self.run_dir / "rekap.duckdb"

    @property
    def release(self) -> Path:
        return self.run_dir / "release"

    @property
    def data(self) -> Path:
        return self.release / "data"

    @property
    def validation(self) -> Path:
        """GX validation results of every gate, published with the release."""
        return self.release / "validasi"

    @property
    def changelog_base(self) -> Path:
        """Which release data/changelog.csv compared with (for the manifest); outside the release."""
        return self.run_dir / "changelog.json"

    @property
    def converted(self) -> Path:
        """The package this run reads: a copy of the input folder, or converted from it (--input-format sirekap)."""
        return self.run_dir / "paket"

    @property
    def input_files(self) -> Path:
        """The contract files copied into `converted` with their SHA-256 (the manifest's `inputs`)."""
        return self.run_dir / "berkas-masukan.json"

    @property
    def input_warnings(self) -> Path:
        """What taking the input found to tell the operator (`input_stage`); also: the input is taken."""
        return self.run_dir / "masukan-catatan.json"

    @property
    def input_note(self) -> Path:
        """What the conversion read and filled (the manifest's `masukan`); outside the release."""
        return self.run_dir / "masukan.json"


def start_run(settings: RecapSettings) -> RunPaths:
    sweep_stale(settings.work_dir)
    preload_in_background()  # the gates need GX after ingest; import it while DuckDB reads
    return RunPaths(new_staging_dir(settings.work_dir))


def _db(settings: RecapSettings, paths: RunPaths):
    return connect(paths.db, threads=settings.threads, memory_limit=settings.memory_limit)


def input_stage(settings: RecapSettings, paths: RunPaths) -> list[str]:
    """Take the run's own copy of the package (or convert it from Sirekap JSON): ingest, the input
    hashes and the release id all read that copy, so a package updated meanwhile cannot split them.
    Returns what the operator should be told about the input."""
    notes: list[str] = []
    if settings.input_format == "sirekap":  # convert to a contract package, then ingest as usual
        from rekap.ingest.sirekap_json import convert_folder

        conversion = convert_folder(settings.input_dir, paths.converted)
        paths.input_note.write_text(json.dumps(conversion.as_manifest(), sort_keys=True) + "\n", encoding="utf-8")
        notes = conversion.warnings()
        converted = [paths.converted / f.name for f in INPUT_FILES if (paths.converted / f.name).is_file()]
        paths.input_files.write_text(json.dumps(describe_files(paths.converted, converted)) + "\n", encoding="utf-8")
    else:
        snapshot_package(settings.input_dir, paths.converted, paths.input_files)
    paths.input_warnings.write_text(json.dumps(notes, ensure_ascii=False) + "\n", encoding="utf-8")
    return notes


def unchanged_release(settings: RecapSettings, paths: RunPaths) -> dict | None:
    """The outcome of the release OUT/latest points to when it was made from these very inputs with
    this rule set and code: a full run would publish it again byte for byte (its changelog compares
    with the same base, `changelog.comparison_base`), so the run stops after copying the input."""
    latest = latest_release(settings.out_dir)
    manifest = read_manifest(latest) if latest is not None else {}
    if not made_from(manifest, describe_inputs(settings, paths), rule_set_digest()):
        return None
    return {"release_id": manifest["release_id"], "path": str(settings.releases_dir / manifest["release_id"]),
            "new": False, "exit_code": manifest["exit_code"], "summary": manifest["summary"]}


def ingest_stage(settings: RecapSettings, paths: RunPaths) -> IngestReport:
    if not paths.input_warnings.is_file():  # the input was not taken yet (tests call ingest alone)
        input_stage(settings, paths)
    notes = json.loads(paths.input_warnings.read_text(encoding="utf-8"))
    with _db(settings, paths) as con:
        report = load_package(con, input_package(settings, paths))
    report.warnings[:0] = notes
    return report


def input_package(settings: RecapSettings, paths: RunPaths) -> Path:
    """The contract package the run reads: its copy of the input folder, or the one converted from it."""
    return paths.converted


def forms_stage(settings: RecapSettings, paths: RunPaths) -> None:
    with _db(settings, paths) as con:
        build_forms(con)


def level_stage(settings: RecapSettings, paths: RunPaths, level: str) -> int:
    with _db(settings, paths) as con:
        return build_level(con, level)


def gate_stage(settings: RecapSettings, paths: RunPaths, stage: str) -> GateReport:
    """Validate one stage with its GX suites, record findings, hold what broke an error rule."""
    with _db(settings, paths) as con:
        return run_gates(con, stage, Validator(), paths.validation)


def penetapan_stage(settings: RecapSettings, paths: RunPaths) -> None:
    with _db(settings, paths) as con:
        decide_penetapan(con)


def export_stage(settings: RecapSettings, paths: RunPaths) -> Summary:
    """Write the release's data files and its Sirekap-shaped tree (sirekap/, docs/sirekap.md);
    the summary says whether everything is final."""
    with _db(settings, paths) as con:
        write_data_files(con, paths.data)
        write_sirekap_tree(con, paths.release)
        return summarize(con)


def changelog_stage(settings: RecapSettings, paths: RunPaths) -> str | None:
    """data/changelog.csv: every TPS-level figure changed since the previous release, and why.
    It is data, so it comes before the release id; returns the id compared with (None: none)."""
    base = comparison_base(settings.out_dir, describe_inputs(settings, paths), rule_set_digest())
    with _db(settings, paths) as con:
        write_changelog(con, paths.data, settings.releases_dir / base if base else None)
    paths.changelog_base.write_text(json.dumps({"dibandingkan_dengan": base}) + "\n", encoding="utf-8")
    return base


def nist_stage(settings: RecapSettings, paths: RunPaths) -> NistReport:
    """nist/election_report.xml and .json: the release in NIST SP 1500-100 v2 (docs/nist.md). It is
    data, so it comes before the release id; after the changelog, which tells a correction release."""
    with _db(settings, paths) as con:
        return write_nist_report(con, paths.release, paths.data / CHANGELOG)


def describe_inputs(settings: RecapSettings, paths: RunPaths) -> list:
    """The contract files the run read, with their SHA-256 (the manifest's `inputs`): recorded once
    by `input_stage` as it copied (or converted) them."""
    if not paths.input_files.is_file():  # the input was not taken yet (tests call stages alone)
        input_stage(settings, paths)
    return json.loads(paths.input_files.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Identity:
    """What a release is made of, known before its reports are rendered (they print it)."""

    release_id: str
    data_sha256: str
    inputs: list
    rules: str
    data: list  # the files hashed for the id: the manifest reuses their hashes


def identify_stage(settings: RecapSettings, paths: RunPaths) -> Identity:
    """Hash the inputs and the data and validation files: the release id derives from them."""
    inputs = describe_inputs(settings, paths)
    data = describe_files(paths.release, [p for p in sorted(paths.release.rglob("*")) if p.is_file()])
    rules = rule_set_digest()
    data_sha256 = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    return Identity(release_id(inputs, data, rules), data_sha256, inputs, rules, data)


def overview_stage(settings: RecapSettings, paths: RunPaths) -> Overview:
    """Per-contest progress and a findings summary for the operator (Prefect artifacts)."""
    with _db(settings, paths) as con:
        return run_overview(con)


def _all_outputs(paths: RunPaths, identity: Identity) -> list[dict]:
    """Every file of the release with its hash; those hashed for the id are not read again."""
    known = {d["file"] for d in identity.data}
    later = [p for p in sorted(paths.release.rglob("*"))
             if p.is_file() and p.relative_to(paths.release).as_posix() not in known]
    return sorted(identity.data + describe_files(paths.release, later), key=lambda d: d["file"])


def report_stage(settings: RecapSettings, paths: RunPaths, identity: Identity, *,
                 defer_pdf: bool = False) -> list[tuple[Path, int]]:
    """Render the reports into the release being written. With `defer_pdf` the PDFs are left to the
    caller (a Dask cluster, `reports.distributed`): returns the (HTML path, weight) still to render."""
    if not settings.reports:
        return []
    deferred: list[tuple[Path, int]] = []

    def defer(jobs, workers):
        deferred.extend(jobs)
        return [(path.with_suffix(".pdf"), 0) for path, _ in jobs]

    render_reports(paths.db, paths.release, release_id=identity.release_id, data_sha256=identity.data_sha256,
                   pdf=settings.pdf, workers=settings.threads, previous=latest_release(settings.out_dir),
                   pdf_renderer=defer if defer_pdf else None)
    return deferred


def publish_stage(settings: RecapSettings, paths: RunPaths, summary: Summary, identity: Identity, *,
                  started_at: str, flow_run_id: str | None) -> Published:
    """Write the manifest, publish atomically, keep the run's database beside the releases."""
    manifest = {
        "release_id": identity.release_id,
        "data_sha256": identity.data_sha256,
        "status": "final" if summary.final else "sementara",
        "exit_code": summary.exit_code,
        "code_version": __version__,
        "rule_set_sha256": identity.rules,
        "started_at": started_at,
        "finished_at": now_iso(),
        "flow_run_id": flow_run_id,
        "input_dir": str(settings.input_dir.resolve()),
        "inputs": identity.inputs,
        "outputs": _all_outputs(paths, identity),
        "summary": summary.as_dict(),
    }
    if paths.input_note.is_file():  # a converted input: its format, source digest and filled columns
        manifest["masukan"] = json.loads(paths.input_note.read_text(encoding="utf-8"))
    if paths.changelog_base.is_file():  # the release data/changelog.csv compared with
        manifest["changelog"] = json.loads(paths.changelog_base.read_text(encoding="utf-8"))
    (paths.release / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    published = publish(paths.release, settings.out_dir, identity.release_id)
    crash_point("before-db")
    # the database of the newest run stays beside the releases for inspection (never served)
    os.replace(paths.db, settings.out_dir / "rekap.duckdb")
    return published


# The recap between ingest and export, in order: (stage, argument). The flow runs each as a task;
# `recap_in_process` runs them as plain calls (tests, benchmarks).
STAGE_PLAN: tuple[tuple[str, str | None], ...] = (
    ("formulir", None),
    ("gerbang", "tps"),
    *((step, level) for level in LEVELS for step in (("rekap", "gerbang") if level != "tps" else ("rekap",))),
    ("penetapan", None),
    ("gerbang", "penetapan"),
)


def stage_label(stage: str, arg: str | None) -> str:
    """The name of a step of STAGE_PLAN in timings, logs and the crash hook: `gerbang-tps`, `penetapan`."""
    return f"{stage}-{arg}" if arg else stage


def run_stage(settings: RecapSettings, paths: RunPaths, stage: str, arg: str | None):
    if stage == "formulir":
        return forms_stage(settings, paths)
    if stage == "gerbang":
        return gate_stage(settings, paths, arg)
    if stage == "rekap":
        return level_stage(settings, paths, arg)
    if stage == "penetapan":
        return penetapan_stage(settings, paths)
    raise ValueError(f"unknown stage {stage!r}")


def recap_in_process(settings: RecapSettings, *, on_stage=None) -> Published:
    """The whole run without an orchestrator: what the flow does, call for call.

    `on_stage(name)` is called after each stage (benchmarks time them)."""
    with out_lock(settings.out_dir, settings.lock_wait_seconds):
        return _recap_in_process(settings, on_stage)


def _recap_in_process(settings: RecapSettings, on_stage) -> Published:
    started_at = now_iso()
    paths = start_run(settings)
    timed = on_stage or (lambda name: None)

    def note(name: str) -> None:
        timed(name)
        crash_point(name)  # test hook: REKAP_CRASH_AT=<stage> kills the run right after that stage

    try:
        input_stage(settings, paths)
        same = unchanged_release(settings, paths)
        if same is not None:
            return Published(same["release_id"], Path(same["path"]), False)
        ingest_stage(settings, paths)
        note("ingest")
        for stage, arg in STAGE_PLAN:
            run_stage(settings, paths, stage, arg)
            note(stage_label(stage, arg))
        summary = export_stage(settings, paths)
        note("ekspor")
        changelog_stage(settings, paths)
        note("changelog")
        nist_stage(settings, paths)
        note("nist")
        identity = identify_stage(settings, paths)
        crash_point("identitas")
        report_stage(settings, paths, identity)
        note("laporan")
        published = publish_stage(settings, paths, summary, identity, started_at=started_at, flow_run_id=None)
        note("terbitkan")
        return published
    finally:
        finish_run(paths)


def finish_run(paths: RunPaths) -> None:
    shutil.rmtree(paths.run_dir, ignore_errors=True)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
