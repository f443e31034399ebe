"""Four `rekap run` launched at once on one OUT (two with the same package, two with others): the
OUT lock serialises them, every run ends with a clear result, nothing is corrupted, and no input
is published twice over the same previous release.

Why "over the same previous release": data/changelog.csv is data (docs/contract.md), so the same
package run after another package legitimately publishes a new release (its changelog compares
with that other package's release). Runs of the same package over the same `latest` must publish
nothing new. The runs share one Prefect API server, as an office set-up does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from test_crash import assert_database_opens, assert_releases_complete, crash_package

ROOT = Path(__file__).resolve().parents[2]
REKAP = ROOT / ".venv" / "bin" / "rekap"
pytestmark = pytest.mark.e2e


def test_four_runs_at_once_on_one_out(tmp_path, prefect_api_url):
    a = crash_package(tmp_path / "a")
    b = crash_package(tmp_path / "b", extra_votes=1)
    c = crash_package(tmp_path / "c", extra_votes=2)
    packages = [a, a, b, c]
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")} | {"PREFECT_API_URL": prefect_api_url}
    started = time.monotonic()
    procs = [subprocess.Popen([str(REKAP), "run", "--input", str(pkg), "--out", str(out), "--tanpa-laporan",
                               "--threads", "1", "--tunggu", "600"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for pkg in packages]
    results = [(p.wait(timeout=900), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    print(f"4 runs at once: {time.monotonic() - started:.0f} s")

    published = []
    for code, stdout, stderr in results:
        assert code in (0, 3), stderr[-3000:]
        assert "Traceback" not in stdout + stderr
        m = re.search(r"^rilis ([0-9a-f]{16}) (diterbitkan|sudah ada)", stdout, re.M)
        assert m, stdout
        published.append((m.group(1), m.group(2) == "diterbitkan"))

    ids = assert_releases_complete(out)  # every release whole, its manifest's hashes hold
    assert {rid for rid, _ in published} == ids
    assert sum(new for _, new in published) == len(ids)  # each release published by exactly one run
    manifests = [json.loads((out / "releases" / rid / "manifest.json").read_text()) for rid in ids]
    inputs = {pkg: sorted((d["file"], d["sha256"]) for d in _inputs(pkg)) for pkg in (a, b, c)}
    by_input = {}
    for m in manifests:
        key = sorted((d["file"], d["sha256"]) for d in m["inputs"])
        assert key in inputs.values()
        # never two releases of the same input over the same previous release
        base = (m.get("changelog") or {}).get("dibandingkan_dengan")
        assert (repr(key), base) not in by_input
        by_input[(repr(key), base)] = m["release_id"]
    assert {k for k, _ in by_input} == {repr(v) for v in inputs.values()}  # every input has its release
    # a package run right after itself publishes nothing new (2 identical inputs, 4 runs, 3 inputs)
    assert 3 <= len(ids) <= 4
    latest = os.readlink(out / "latest")
    assert latest.removeprefix("releases/") in ids
    assert list((out / ".work").iterdir()) == []
    assert_database_opens(out)


def _inputs(pkg: Path) -> list[dict]:
    from rekap.contract import INPUT_FILES
    from rekap.release import describe_files

    return describe_files(pkg, [pkg / f.name for f in INPUT_FILES if (pkg / f.name).is_file()])
