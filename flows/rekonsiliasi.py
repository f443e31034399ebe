"""The reconciliation flow (`rekap-rekonsiliasi`): a published release against a second source.

One thin task over rekap.sirekap.rekonsiliasi.reconcile, then a table artifact per run with the
summary per contest and level, so operators see in the Prefect UI what agrees and what does not.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NONE

from rekap.sirekap.rekonsiliasi import Reconciliation, reconcile


@task(name="rekonsiliasi", cache_policy=NONE, persist_result=False)
def compare(out: Path, release: str | None, against: Path) -> Reconciliation:
    """Compare the release with the source; write the CSVs beside the release."""
    return reconcile(out, release, against)


@flow(name="rekap-rekonsiliasi", log_prints=False, validate_parameters=True)
def reconcile_flow(out: Path, release: str | None, against: Path) -> Reconciliation:
    """Reconcile OUT's release (`release` None: latest) with `against`; ends Failed on unusable input."""
    result = compare(out, release, against)
    counts = {s: result.total(s) for s in ("sama", "beda", "tidak_sebanding")}
    get_run_logger().info("rekonsiliasi rilis %s dengan %s: %s", result.release_id, result.folder.name,
                          ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    create_table_artifact(
        key=f"rekonsiliasi-{result.release_id}".lower()[:100], table=result.summary,
        description=(f"Rekonsiliasi rilis {result.release_id} dengan {result.source['pembanding']['jenis']} "
                     f"({result.folder.name}): unit sama {counts['sama']:,}, beda {counts['beda']:,}, "
                     f"tidak sebanding {counts['tidak_sebanding']:,}. Rincian: {result.folder / 'rekonsiliasi.csv'}"))
    return result
