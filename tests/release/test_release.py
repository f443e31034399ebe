"""Releases: content-addressed ids, byte-identical data, nothing new on a re-run, and a crash in
the middle of publishing leaves the previous release and `latest` intact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builders import Package, form
from rekap.stages.walk import recap_in_process
from rekap.release import publish
from rekap.settings import RecapSettings

ROOT = Path(__file__).resolve().parents[2]


def small_package(folder: Path, extra_votes: int = 0) -> Path:
    pkg = Package().contest("pkwkk", "6471", ["SATU", "DUA"], kolom_kosong=False)
    pkg.station("6471011001001").station("6471011001002").station("6471021001001")
    pkg.submit(form("6471011001001", "pkwkk", {1: 100 + extra_votes, 2: 80}))
    pkg.submit(form("6471011001002", "pkwkk", {1: 40, 2: 90}))
    pkg.submit(form("6471021001001", "pkwkk", {1: 33, 2: 33}))
    return pkg.write(folder)


def run_plain(package: Path, out: Path):
    """The flow's stages without Prefect, for fast tests."""
    return recap_in_process(RecapSettings(input_dir=package, out_dir=out, threads=2, memory_limit="1GB",
                                                   pdf=False))


def data_bytes(release: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((release / "data").iterdir())}


def test_same_input_same_id_and_bytes(tmp_path):
    pkg = small_package(tmp_path / "pkg")
    a = run_plain(pkg, tmp_path / "out-a")
    b = run_plain(pkg, tmp_path / "out-b")
    assert a.release_id == b.release_id and a.new and b.new
    assert data_bytes(a.path) == data_bytes(b.path)
    assert set(data_bytes(a.path)) == {"hasil.csv", "administrasi.csv", "penetapan.csv", "pengecualian.csv",
                                       "koreksi.csv", "changelog.csv", "pleno.csv", "keberatan.csv",
                                       "calon_terpilih.csv"}


def test_rerun_publishes_nothing_new(tmp_path):
    pkg = small_package(tmp_path / "pkg")
    out = tmp_path / "out"
    first = run_plain(pkg, out)
    manifest = (first.path / "manifest.json").read_bytes()
    again = run_plain(pkg, out)
    assert not again.new and again.release_id == first.release_id
    assert (first.path / "manifest.json").read_bytes() == manifest
    assert [p.name for p in (out / "releases").iterdir()] == [first.release_id]
    assert os.readlink(out / "latest") == f"releases/{first.release_id}"
    assert list((out / ".work").iterdir()) == []


def test_changed_input_publishes_a_new_release(tmp_path):
    out = tmp_path / "out"
    first = run_plain(small_package(tmp_path / "pkg1"), out)
    second = run_plain(small_package(tmp_path / "pkg2", extra_votes=1), out)
    assert second.new and second.release_id != first.release_id
    assert os.readlink(out / "latest") == f"releases/{second.release_id}"
    assert (first.path / "data" / "hasil.csv").is_file()  # the old release is kept


def test_manifest_lists_inputs_and_outputs_with_hashes(tmp_path):
    import hashlib
    import json

    pkg = small_package(tmp_path / "pkg")
    rel = run_plain(pkg, tmp_path / "out")
    manifest = json.loads((rel.path / "manifest.json").read_text())
    assert manifest["release_id"] == rel.release_id
    assert {d["file"] for d in manifest["inputs"]} == {"paslon.csv", "tps.csv", "c_hasil.csv", "suara_paslon.csv"}
    for d in manifest["outputs"]:
        assert hashlib.sha256((rel.path / d["file"]).read_bytes()).hexdigest() == d["sha256"]
    for key in ("code_version", "rule_set_sha256", "started_at", "finished_at", "flow_run_id", "status"):
        assert key in manifest


def test_failed_rename_leaves_latest_intact(tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run_plain(small_package(tmp_path / "pkg1"), out)

    def broken_rename(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "rename", broken_rename)
    from rekap.errors import ReleaseError
    with pytest.raises(ReleaseError, match="rilis tidak dapat ditulis"):
        run_plain(small_package(tmp_path / "pkg2", extra_votes=5), out)
    assert os.readlink(out / "latest") == f"releases/{first.release_id}"
    assert [p.name for p in (out / "releases").iterdir()] == [first.release_id]


@pytest.mark.parametrize("crash_at", ["before-rename", "before-latest"])
def test_killed_publish_leaves_latest_intact_and_rerun_converges(tmp_path, crash_at):
    out = tmp_path / "out"
    first = run_plain(small_package(tmp_path / "pkg1"), out)
    pkg2 = small_package(tmp_path / "pkg2", extra_votes=7)
    script = (f"import sys; sys.path[:0] = [{str(ROOT / 'tests')!r}, {str(ROOT / 'tests' / 'release')!r}]; "
              f"from test_release import run_plain; from pathlib import Path; "
              f"run_plain(Path({str(pkg2)!r}), Path({str(out)!r}))")
    proc = subprocess.run([sys.executable, "-c", script], env=os.environ | {"REKAP_CRASH_AT": crash_at},
                          capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    assert os.readlink(out / "latest") == f"releases/{first.release_id}"
    assert (out / "latest" / "data" / "hasil.csv").is_file()
    again = run_plain(pkg2, out)  # a re-run converges to the uninterrupted result
    run_plain(tmp_path / "pkg1", tmp_path / "clean")  # (the same previous release: the changelog is data)
    clean = run_plain(pkg2, tmp_path / "clean")
    assert again.release_id == clean.release_id
    assert data_bytes(again.path) == data_bytes(clean.path)
    assert os.readlink(out / "latest") == f"releases/{again.release_id}"
    assert [p.name for p in (out / ".work").iterdir()] == []


def test_publish_refuses_when_latest_is_not_a_link(tmp_path):
    out = tmp_path / "out"
    (out / "latest").mkdir(parents=True)
    staged = tmp_path / "staged"
    (staged / "data").mkdir(parents=True)
    (staged / "data" / "x.csv").write_text("a\n")
    from rekap.errors import ReleaseError
    with pytest.raises(ReleaseError):
        publish(staged, out, "abc")


def test_second_writer_on_the_same_out_is_refused_after_its_wait(tmp_path):
    from rekap.lock import OutBusy, out_lock

    out = tmp_path / "out"
    pkg = small_package(tmp_path / "pkg")
    settings = RecapSettings(input_dir=pkg, out_dir=out, threads=2, memory_limit="1GB", lock_wait_seconds=0.5, pdf=False)
    with out_lock(out, 0):
        with pytest.raises(OutBusy, match="sedang dipakai run lain"):
            recap_in_process(settings)
    assert not (out / "latest").exists()
    assert recap_in_process(settings).new  # once the other run let go, it goes through
