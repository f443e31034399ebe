"""The recap flow: ingest → forms → TPS gate → each level built then gated → penetapan → exports →
changelog → NIST report → publish.

Tasks are thin shells over `rekap.pipeline`; the flow carries one RecapSettings object and the
paths of its own scratch folder. An unusable input ends the run as a Failed state whose message
names the file, line and column (no traceback: it is the operator's data, not our bug).
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from prefect.runtime import flow_run
from prefect.states import Failed

from flows.states import is_transient_io, outcome_state
from rekap import pipeline
from rekap.errors import InputError
from rekap.lock import OutBusy, out_lock
from rekap.overview import findings_markdown
from rekap.reports import distributed
from rekap.release import crash_point
from rekap.settings import RecapSettings

_TASK = {"cache_policy": NONE, "persist_result": False}
# tasks that read the package: a network share may drop a read; bad input is never retried
_READS_FILES = {"retries": 2, "retry_delay_seconds": 2, "retry_condition_fn": is_transient_io}


@task(name="masukan", **_READS_FILES, **_TASK)
def take_input(settings: RecapSettings, paths: pipeline.RunPaths):
    """Copy the package into the run's scratch (or convert it); the outcome of the latest release
    when it was made from these very inputs (nothing to do), else None."""
    try:
        pipeline.input_stage(settings, paths)
    except InputError as err:
        return Failed(message=f"Masukan tidak dapat dipakai: {err}", data=err)
    return pipeline.unchanged_release(settings, paths)


@task(name="ingest", **_READS_FILES, **_TASK)
def ingest(settings: RecapSettings, paths: pipeline.RunPaths):
    """Read the election package into DuckDB, or fail with the first unusable cell."""
    try:
        report = pipeline.ingest_stage(settings, paths)
    except InputError as err:
        return Failed(message=f"Masukan tidak dapat dipakai: {err}", data=err)
    logger = get_run_logger()
    for warning in report.warnings:
        logger.warning(warning)
    logger.info("dibaca: %s", ", ".join(f"{k} {v:,}" for k, v in report.rows.items()))
    return report


@task(name="formulir", **_TASK)
def build_forms(settings: RecapSettings, paths: pipeline.RunPaths) -> None:
    """Expected forms per contest and the form that counts per TPS."""
    pipeline.forms_stage(settings, paths)


@task(name="rekap-tingkat", task_run_name="rekap-{level}", **_TASK)
def build_level(settings: RecapSettings, paths: pipeline.RunPaths, level: str) -> int:
    """One level of the recap, for every contest and unit at once."""
    return pipeline.level_stage(settings, paths, level)


@task(name="gerbang", task_run_name="gerbang-{stage}", **_TASK)
def gate(settings: RecapSettings, paths: pipeline.RunPaths, stage: str):
    """Validate a stage with its Great Expectations suites; hold and name what breaks a rule."""
    report = pipeline.gate_stage(settings, paths, stage)
    logger = get_run_logger()
    logger.info("gerbang %s: %s baris diperiksa, %s error, %s peringatan%s", stage, f"{report.rows_checked:,}",
                f"{report.errors:,}", f"{report.warnings:,}",
                "".join(f"; {rule} {n:,}" for rule, n in sorted(report.failed_rules.items())))
    return report


@task(name="penetapan", **_TASK)
def decide(settings: RecapSettings, paths: pipeline.RunPaths) -> None:
    """Determine each contest whose top unit is final."""
    pipeline.penetapan_stage(settings, paths)


@task(name="ekspor", **_TASK)
def export(settings: RecapSettings, paths: pipeline.RunPaths):
    """Write the release's data files."""
    return pipeline.export_stage(settings, paths)


@task(name="changelog", **_TASK)
def changelog(settings: RecapSettings, paths: pipeline.RunPaths):
    """data/changelog.csv: TPS figures changed since the previous release (data: before the id)."""
    return pipeline.changelog_stage(settings, paths)


@task(name="nist", **_TASK)
def nist(settings: RecapSettings, paths: pipeline.RunPaths):
    """nist/election_report.xml and .json: the release in NIST SP 1500-100 v2 (data: before the id)."""
    return pipeline.nist_stage(settings, paths)


@task(name="identitas", **_READS_FILES, **_TASK)
def identify(settings: RecapSettings, paths: pipeline.RunPaths):
    """Hash inputs and data: the content-derived release id the reports print."""
    return pipeline.identify_stage(settings, paths)


@task(name="laporan", **_TASK)
def render(settings: RecapSettings, paths: pipeline.RunPaths, identity) -> None:
    """Render the official reports (HTML, PDF, XLSX) into the release."""
    pipeline.report_stage(settings, paths, identity)


@task(name="laporan-html", **_TASK)
def render_html(settings: RecapSettings, paths: pipeline.RunPaths, identity) -> list:
    """Render HTML and XLSX; the PDFs still to render go to the Dask cluster (`pdf` tasks)."""
    return pipeline.report_stage(settings, paths, identity, defer_pdf=True)


@task(name="pdf", task_run_name="pdf-{nomor}", **_TASK)
def render_pdf_batch(payload: list, nomor: int) -> list:
    """On a Dask worker: a batch of reports' HTML → their PDF bytes."""
    return distributed.render_batch(payload)


def render_on_cluster(settings: RecapSettings, paths: pipeline.RunPaths, identity) -> None:
    """HTML here, PDFs fanned out over the flow's Dask task runner, written back into the release."""
    jobs = render_html(settings, paths, identity)
    batches = distributed.pdf_batches(jobs, paths.release)
    futures = [render_pdf_batch.submit(distributed.batch_payload(batch, paths.release), nomor)
               for nomor, batch in enumerate(batches, 1)]
    pages = sum(distributed.write_batch(future.result(), paths.release) for future in futures)
    get_run_logger().info("PDF di klaster Dask: %d dokumen, %d halaman, %d tugas", len(jobs), pages, len(batches))


@task(name="ringkasan", **_TASK)
def summarize_run(settings: RecapSettings, paths: pipeline.RunPaths):
    """Progress per contest and the findings, for the operator's artifacts."""
    return pipeline.overview_stage(settings, paths)


def publish_artifacts(overview, outcome: dict, settings: RecapSettings) -> None:
    """A progress table, a findings summary and links, shown in the Prefect UI for this run.

    One table with a row per contest and level, not one artifact per contest: a national run has
    545 contests, and an API call each cost ~9 s at the end of every run."""
    rid = outcome["release_id"]
    rows = [{"jenis": jenis, "kode_kontes": kode, "wilayah": overview.names[(jenis, kode)], **level}
            for (jenis, kode), levels in overview.contests.items() for level in levels]
    create_table_artifact(key="rekap-kemajuan", table=rows,
                          description=f"Status dan kemajuan unit setiap kontes per tingkat, rilis {rid}")
    create_markdown_artifact(key="rekap-temuan", markdown=findings_markdown(overview, rid, outcome["summary"]["status"]),
                             description="Ringkasan temuan gerbang mutu")
    create_link_artifact(key="rekap-rilis", link=Path(outcome["path"]).resolve().as_uri(),
                         link_text=f"folder rilis {rid}", description="Rilis yang diterbitkan run ini")
    create_link_artifact(key="rekap-portal", link=f"http://127.0.0.1:8000/rilis/{rid}/",
                         link_text=f"portal rilis {rid}",
                         description=f"Jalankan `rekap portal --out {settings.out_dir}` lalu buka tautan ini")


@task(name="terbitkan", retries=2, retry_delay_seconds=1, **_TASK)
def publish(settings: RecapSettings, paths: pipeline.RunPaths, summary, identity, started_at: str):
    """Publish the release atomically and point `latest` at it."""
    return pipeline.publish_stage(settings, paths, summary, identity, started_at=started_at,
                                  flow_run_id=str(flow_run.id) if flow_run.id else None)


@flow(name="rekap-pilkada", log_prints=False, validate_parameters=True)
def recap_flow(settings: RecapSettings):
    """Recap one election package into a new release under settings.out_dir.

    Ends Completed (every contest final), Completed named Sementara (units held back), or Failed
    (unusable input, OUT busy) — its result is the outcome dict the CLI turns into an exit code."""
    try:
        with out_lock(settings.out_dir, settings.lock_wait_seconds):
            return _recap(settings)
    except OutBusy as err:
        return Failed(message=str(err), data=err)


def _recap(settings: RecapSettings):
    logger = get_run_logger()
    started_at = pipeline.now_iso()
    paths = pipeline.start_run(settings)
    try:
        state = take_input(settings, paths, return_state=True)
        if state.is_failed():
            return Failed(message=state.message, data=state.data)
        same = state.result()
        if same is not None:
            logger.info("masukan sama dengan yang membuat rilis %s: tidak ada yang baru diterbitkan",
                        same["release_id"])
            return outcome_state(same)
        state = ingest(settings, paths, return_state=True)
        if state.is_failed():
            return Failed(message=state.message, data=state.data)
        crash_point("ingest")  # test hook (REKAP_CRASH_AT): a kill at each stage boundary
        for stage, arg in pipeline.STAGE_PLAN:
            if stage == "formulir":
                build_forms(settings, paths)
            elif stage == "gerbang":
                gate(settings, paths, arg)
            elif stage == "rekap":
                units = build_level(settings, paths, arg)
                logger.info("tingkat %s: %s unit", arg, f"{units:,}")
            elif stage == "penetapan":
                decide(settings, paths)
            crash_point(pipeline.stage_label(stage, arg))
        summary = export(settings, paths)
        crash_point("ekspor")
        changelog(settings, paths)
        crash_point("changelog")
        nist(settings, paths)
        crash_point("nist")
        identity = identify(settings, paths)
        crash_point("identitas")
        if settings.task_runner == "dask" and settings.reports and settings.pdf:
            render_on_cluster(settings, paths, identity)
        else:
            render(settings, paths, identity)
        crash_point("laporan")
        overview = summarize_run(settings, paths)
        crash_point("ringkasan")
        published = publish(settings, paths, summary, identity, started_at)
        crash_point("terbitkan")
    finally:
        pipeline.finish_run(paths)
    logger.info("rilis %s (%s)%s", published.release_id, summary.as_dict()["status"],
                "" if published.new else " sudah ada; tidak ada yang baru diterbitkan")
    outcome = {"release_id": published.release_id, "path": str(published.path), "new": published.new,
               "exit_code": summary.exit_code, "summary": summary.as_dict()}
    publish_artifacts(overview, outcome, settings)
    return outcome_state(outcome)  # Completed, or Completed named Sementara
