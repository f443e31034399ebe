"""PDFs rendered on a Dask cluster (`rekap run --task-runner dask`) are the bytes the local workers
write: the same package recapped in process (local PDF workers) and through the Prefect flow on a
2-worker local Dask cluster gives byte-identical releases (the manifest's run times aside)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rekap.stages.walk import recap_in_process
from rekap.cli import main
from rekap.reports.distributed import BATCH_WEIGHT, pdf_batches
from rekap.settings import RecapSettings
from test_reports import package

pytestmark = pytest.mark.e2e


def files(release: Path) -> dict[str, bytes]:
    return {p.relative_to(release).as_posix(): p.read_bytes()
            for p in sorted(release.rglob("*")) if p.is_file() and p.name != "manifest.json"}


def test_dask_run_is_byte_identical_to_the_local_run(prefect_api, tmp_path, capsys):
    pkg = package(tmp_path / "pkg")
    local = recap_in_process(RecapSettings(input_dir=pkg, out_dir=tmp_path / "lokal", threads=2))
    assert main(["run", "--input", str(pkg), "--out", str(tmp_path / "dask"), "--threads", "2",
                 "--task-runner", "dask"]) == 3  # the package holds one governor form: provisional
    dask = (tmp_path / "dask" / "latest").resolve()
    assert dask.name == local.path.name  # the same content-derived release id
    ours, theirs = files(local.path), files(dask)
    assert sorted(ours) == sorted(theirs) and sum(name.endswith(".pdf") for name in ours) == 11
    assert [name for name in ours if ours[name] != theirs[name]] == []
    outputs = [json.loads((r / "manifest.json").read_text())["outputs"] for r in (local.path, dask)]
    assert outputs[0] == outputs[1]


def test_batches_cover_every_job_once_heaviest_first(tmp_path):
    jobs = [(tmp_path / f"laporan/k/{i}.html", w) for i, w in enumerate([5, BATCH_WEIGHT, 7, BATCH_WEIGHT // 2, 1])]
    batches = pdf_batches(jobs, tmp_path)
    assert [[rel for rel, _ in b] for b in batches] == [
        ["laporan/k/1.html"], ["laporan/k/3.html", "laporan/k/2.html", "laporan/k/0.html", "laporan/k/4.html"]]
