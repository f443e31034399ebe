"""PDFs on a Dask cluster (`rekap run --task-runner dask`): the Prefect side of rekap.reports.distributed.

The flow renders HTML and XLSX itself, then sends the PDF work as batches of (path, HTML text) to
Prefect tasks on a `DaskTaskRunner`: a local cluster of worker processes by default, or the
scheduler at `--dask-address` whose workers may be other machines."""

from __future__ import annotations

import logging

from prefect import get_run_logger, task
from prefect.cache_policies import NONE

from rekap.reports import distributed
from rekap.stages.outputs import render
from rekap.stages.run import Run

_TASK = {"cache_policy": NONE, "persist_result": False}


@task(name="laporan-html", **_TASK)
def render_html(run: Run) -> list:
    """Render HTML and XLSX; the PDFs still to render go to the Dask cluster (`pdf` tasks)."""
    return render(run, defer_pdf=True)


@task(name="pdf", task_run_name="pdf-{nomor}", **_TASK)
def render_pdf_batch(payload: list, nomor: int) -> list:
    """On a Dask worker: a batch of reports' HTML → their PDF bytes."""
    return distributed.render_batch(payload)


def render_on_cluster(run: Run) -> None:
    """HTML here, PDFs fanned out over the flow's Dask task runner, written back into the release."""
    release = run.paths.release
    jobs = render_html(run)
    batches = distributed.pdf_batches(jobs, release)
    futures = [render_pdf_batch.submit(distributed.batch_payload(batch, release), nomor)
               for nomor, batch in enumerate(batches, 1)]
    pages = sum(distributed.write_batch(future.result(), release) for future in futures)
    get_run_logger().info("PDF di klaster Dask: %d dokumen, %d halaman, %d tugas", len(jobs), pages, len(batches))


def task_runner(workers: int, address: str | None):
    """The Dask task runner: the scheduler at `address`, or a local cluster of `workers` processes."""
    from prefect_dask import DaskTaskRunner

    logging.getLogger("distributed").setLevel(logging.WARNING)  # not every worker start and stop
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None})
