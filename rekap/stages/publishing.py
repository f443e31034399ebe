"""The last stage: the manifest, the atomic publish, the run's database kept beside the releases."""

from __future__ import annotations

import json
import os

from rekap import __version__
from rekap.release import Published, crash_point, describe_files, publish as publish_release
from rekap.stages.run import Run, now_iso


def manifest(run: Run) -> dict:
    """Every input and output file with its SHA-256, the rule set and code, the run's times and id."""
    identity, summary, paths = run.identity, run.summary, run.paths
    known = {d["file"] for d in identity.data}
    later = [p for p in sorted(paths.release.rglob("*"))
             if p.is_file() and p.relative_to(paths.release).as_posix() not in known]
    out = {
        "release_id": identity.release_id,
        "data_sha256": identity.data_sha256,
        "status": "final" if summary.final else "sementara",
        "exit_code": summary.exit_code,
        "code_version": __version__,
        "rule_set_sha256": identity.rules,
        "started_at": run.started_at,
        "finished_at": now_iso(),
        "flow_run_id": run.flow_run_id,
        "input_dir": str(run.settings.input_dir.resolve()),
        "inputs": identity.inputs,
        # those hashed for the id are not read again
        "outputs": sorted(identity.data + describe_files(paths.release, later), key=lambda d: d["file"]),
        "summary": summary.as_dict(),
        "changelog": {"dibandingkan_dengan": run.changelog_base},
    }
    if run.taken.conversion is not None:  # a converted input: its format, source digest and filled columns
        out["masukan"] = run.taken.conversion
    return out


def publish(run: Run) -> Published:
    """Write the manifest, publish atomically, keep the run's database beside the releases."""
    paths, settings = run.paths, run.settings
    (paths.release / "manifest.json").write_text(
        json.dumps(manifest(run), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    published = publish_release(paths.release, settings.out_dir, run.identity.release_id)
    crash_point("before-db")
    # the database of the newest run stays beside the releases for inspection (never served)
    os.replace(paths.db, settings.out_dir / "rekap.duckdb")
    return published
