"""A run killed (SIGKILL, as a power cut) at every stage boundary, and OUT that cannot be written.

After each kill: `latest` still points to the previous complete release, every folder under
releases/ is a complete release (its manifest's hashes hold), the DuckDB file beside the releases
opens, and a re-run converges to the release an uninterrupted run produces (byte-identical data).

The kill points come from the code (`REKAP_CRASH_AT`, rekap.release.crash_point). Before
publishing, a run writes only its own scratch folder (OUT/.work/run-<pid>-...): the test asserts
that everything else in OUT is byte-for-byte what it was before the killed run, so the killed runs
are chained on one OUT (each next run starts on the scratch the previous kill left) and one re-run
at the end converges. Each publish step leaves a different state, so each of those kills gets its
own OUT and its own re-run. Killed runs are forked from the test process (already warm: GX and
DuckDB imported), which keeps 20 kills within seconds; one more kill goes through the real CLI and
its Prefect flow.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import duckdb
import pytest

from builders import Package, form
from rekap.release import rule_set_digest
from rekap.settings import RecapSettings
from rekap.stages.plan import PLAN
from rekap.stages.walk import recap_in_process

ROOT = Path(__file__).resolve().parents[2]
REKAP = ROOT / ".venv" / "bin" / "rekap"

# Every stage boundary of the plan, in run order (both runners walk it, so both stop at the same
# names). `before-rename` (staged, fsynced, not yet visible) leaves OUT as the stages do: it joins
# their chain; `terbitkan` (after publishing) is one of the publish points.
STAGE_POINTS = [stage.name for stage in PLAN if stage.name != "terbitkan"] + ["before-rename"]
PUBLISH_POINTS = ["before-latest", "before-db", "terbitkan"]


def crash_package(folder: Path, extra_votes: int = 0) -> Path:
    """Two contests over 2 kecamatan: every level and gate of both contests has work to do."""
    pkg = Package().contest("pkwkp", "64", ["GUB SATU", "GUB DUA"]).contest("pkwkk", "6471", ["WALI SATU", "WALI DUA"])
    for i, kode in enumerate(("6471011001001", "6471011001002", "6471011002001", "6471021001001")):
        pkg.station(kode)
        pkg.submit(form(kode, "pkwkp", {1: 100 + i + extra_votes, 2: 80 - i}))
        pkg.submit(form(kode, "pkwkk", {1: 60 + 2 * i, 2: 120 - i}))
    return pkg.write(folder)


def settings(pkg: Path, out: Path, **kw) -> RecapSettings:
    return RecapSettings(input_dir=pkg, out_dir=out, threads=2, memory_limit="1GB", pdf=False, **kw)


def run(pkg: Path, out: Path):
    return recap_in_process(settings(pkg, out))


def run_killed_at(point: str, pkg: Path, out: Path) -> int:
    """Run in a forked child with REKAP_CRASH_AT=point; its exit code (-9 when the hook fired)."""
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 70
        try:
            signal.alarm(120)  # a hung child dies (SIGALRM) instead of hanging the suite
            os.environ["REKAP_CRASH_AT"] = point
            run(pkg, out)
            code = 0
        except BaseException:  # noqa: BLE001 - any way out but the kill is a failure the parent sees
            code = 71
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


# --- what must hold after a kill ------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def out_state(out: Path) -> dict[str, str]:
    """What a reader of OUT sees outside the scratch and the lock: path → SHA-256 or link target."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(out):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(out).as_posix()
            if rel.split("/")[0] in (".work", ".kunci"):
                continue
            if path.is_symlink():
                state[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                state[rel] = sha256(path)
        dirnames[:] = [d for d in dirnames if not (Path(dirpath) / d).is_symlink() and d != ".work"]
    return state


def assert_releases_complete(out: Path) -> set[str]:
    """Every folder under releases/ is a whole release: its files are exactly those of its manifest,
    with the manifest's hashes. Returns the release ids."""
    ids = set()
    for release in (out / "releases").iterdir():
        manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["release_id"] == release.name
        listed = {d["file"]: d["sha256"] for d in manifest["outputs"]}
        on_disk = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
        assert on_disk == set(listed) | {"manifest.json"}, release.name
        for file, digest in listed.items():
            assert sha256(release / file) == digest, (release.name, file)
        ids.add(release.name)
    return ids


def assert_database_opens(out: Path) -> None:
    with duckdb.connect(str(out / "rekap.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from hasil_tps").fetchone()[0] > 0


def assert_previous_intact(out: Path, previous: str, before: dict[str, str] | None = None) -> None:
    assert os.readlink(out / "latest") == f"releases/{previous}"
    assert previous in assert_releases_complete(out)
    assert_database_opens(out)
    if before is not None:
        assert out_state(out) == before


def data_bytes(release: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((release / "data").iterdir())}


# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Two packages, a base OUT holding the first one's release, and the uninterrupted second run."""
    base = tmp_path_factory.mktemp("crash")
    pkg1, pkg2 = crash_package(base / "pkg1"), crash_package(base / "pkg2", extra_votes=3)
    first = run(pkg1, base / "base")
    world = {"base": base, "pkg1": pkg1, "pkg2": pkg2, "first": first.release_id}
    assert clean_release(world).release_id != first.release_id
    return world


def copy_out(world, name: str) -> Path:
    out = world["base"] / name
    shutil.copytree(world["base"] / "base", out, symlinks=True)
    return out


def clean_release(world):
    """The uninterrupted run of the second package after the first (the changelog is data), made
    again when the rule set changed since (a release id covers the SQL and expectation files)."""
    rules = rule_set_digest()
    if world.get("clean_rules") != rules:
        out = world["base"] / f"clean-{rules[:8]}"
        run(world["pkg1"], out)
        world["clean"], world["clean_rules"] = run(world["pkg2"], out), rules
    return world["clean"]


def assert_converges(world, out: Path) -> None:
    again = run(world["pkg2"], out)
    clean = clean_release(world)
    assert again.release_id == clean.release_id
    assert data_bytes(again.path) == data_bytes(clean.path)
    assert os.readlink(out / "latest") == f"releases/{clean.release_id}"
    assert assert_releases_complete(out) == {world["first"], clean.release_id}
    assert list((out / ".work").iterdir()) == []  # the scratch of every killed run was swept
    assert_database_opens(out)


# --- kills --------------------------------------------------------------------------------------------


def test_every_crash_point_of_the_code_is_killed_at():
    """Each name the code kills at is one this file kills at, so a stage added later without a
    kill test fails here: the stage names of the plan (rekap.stages.walk kills after each) and the
    publishing steps named in rekap/release.py and rekap/stages/publishing.py."""
    import re

    named = {stage.name for stage in PLAN}
    for source in ("rekap/release.py", "rekap/stages/publishing.py"):
        named |= set(re.findall(r'crash_point\("([a-z-]+)"\)', (ROOT / source).read_text()))
    assert named <= set(STAGE_POINTS) | set(PUBLISH_POINTS), named - set(STAGE_POINTS) - set(PUBLISH_POINTS)
    assert {"ingest", "laporan", "before-rename", "before-latest", "before-db", "terbitkan"} <= named
    walk_src = (ROOT / "rekap" / "stages" / "walk.py").read_text()
    assert "crash_point(stage.name)" in walk_src
    # the flow walks the same plan with the same loop: no crash points (or stage list) of its own
    flow_src = (ROOT / "flows" / "recap.py").read_text()
    assert "crash_point" not in flow_src and "walk(run, run_task)" in flow_src


def test_kill_at_every_stage_boundary_keeps_latest_and_converges(world):
    out = copy_out(world, "chain")
    before = out_state(out)
    survived = []
    for point in STAGE_POINTS:
        assert run_killed_at(point, world["pkg2"], out) == -signal.SIGKILL, point
        assert_previous_intact(out, world["first"], before)
        survived.append(point)
    assert len(list((out / ".work").iterdir())) >= 1  # scratch of the last kill, swept by the re-run
    assert survived == STAGE_POINTS
    assert_converges(world, out)


@pytest.mark.parametrize("point", PUBLISH_POINTS)
def test_kill_while_publishing_keeps_latest_or_finishes_it(world, point):
    out = copy_out(world, f"publish-{point}")
    before = out_state(out)
    assert run_killed_at(point, world["pkg2"], out) == -signal.SIGKILL
    new = clean_release(world).release_id
    if point == "before-latest":  # a complete release `latest` does not point to yet
        assert_previous_intact(out, world["first"])
        assert assert_releases_complete(out) == {world["first"], new}
    else:  # `latest` already switched to the complete new release
        assert os.readlink(out / "latest") == f"releases/{new}"
        assert assert_releases_complete(out) == {world["first"], new}
        assert_database_opens(out)
    assert_converges(world, out)


def test_kill_inside_the_prefect_flow_through_the_cli(world):
    """`rekap run` (its own temporary Prefect server) killed after the kecamatan gate."""
    out = copy_out(world, "flow")
    before = out_state(out)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    log = world["base"] / "flow-kill.log"
    with log.open("w") as sink:  # not a pipe: the orphaned server would hold it open
        kill = {"REKAP_CRASH_AT": "gerbang-kecamatan", "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen([str(REKAP), "run", "--input", str(world["pkg2"]), "--out", str(out), "--tanpa-pdf"],
                                env=env | kill, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            proc.wait(timeout=300)
        finally:
            try:  # the temporary Prefect server the killed CLI started is left in its process group
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    output = log.read_text()
    assert proc.returncode == -signal.SIGKILL, output
    assert "Task run 'gerbang-kecamatan' - Finished in state Completed()" in output
    assert "rekap-kabkota" not in output
    assert_previous_intact(out, world["first"], before)
    assert_converges(world, out)


# --- OUT that cannot be written -----------------------------------------------------------------------


def _cli(pkg: Path, out: Path, api: str, **popen) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")} | {"PREFECT_API_URL": api}
    return subprocess.run([str(REKAP), "run", "--input", str(pkg), "--out", str(out), "--tanpa-pdf"], env=env,
                          capture_output=True, text=True, timeout=300, **popen)


def _limit_file_size(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def long_name_package(folder: Path) -> Path:
    """A pair named with 1 MB of text: data/hasil.csv (10 MB, the name on every row) outgrows the
    run's database (about 6 MB)."""
    pkg = Package().contest("pkwkk", "6471", ["WALI " + "PANJANG " * 125_000, "WALI DUA"])
    for i, kode in enumerate(("6471011001001", "6471011001002", "6471011002001", "6471021001001")):
        pkg.station(kode).submit(form(kode, "pkwkk", {1: 60 + 2 * i, 2: 120 - i}))
    return pkg.write(folder)


@pytest.mark.parametrize("limit", [64 << 10, 8 << 20])
def test_out_on_a_file_size_limit(world, prefect_api_url, limit):
    """64 KiB: the run's database cannot grow; 8 MiB: it can, but data/hasil.csv cannot be written.
    Exit 1 with the reason in the operator's words (Prefect's log keeps the failing task's traceback)."""
    out = copy_out(world, f"fsize-{limit}")
    before = out_state(out)
    pkg = world["base"] / f"pkg-fsize-{limit}"
    pkg = crash_package(pkg, extra_votes=11) if limit < 1 << 20 else long_name_package(pkg)
    proc = _cli(pkg, out, prefect_api_url, preexec_fn=_limit_file_size(limit))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"rekap: {out} tidak dapat ditulis: berkas melampaui batas ukuran" in proc.stderr, proc.stderr[-3000:]
    assert "tidak ada yang diterbitkan" in proc.stderr
    assert_previous_intact(out, world["first"], before)


def test_read_only_out(world, prefect_api_url):
    """OUT bind-mounted read-only in a private mount namespace (root ignores file modes)."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed")
    out = copy_out(world, "read-only")
    before = out_state(out)
    probe = subprocess.run(["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && touch "$0/x"', str(out)],
                           capture_output=True, text=True)
    if "Read-only file system" not in probe.stderr:
        pytest.skip(f"no read-only bind mount here: {probe.stderr.strip()}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")} | {"PREFECT_API_URL": prefect_api_url}
    proc = subprocess.run(["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', str(out),
                           str(REKAP), "run", "--input", str(world["pkg2"]), "--out", str(out), "--tanpa-pdf"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"rekap: {out} tidak dapat ditulis: sistem berkas hanya-baca" in proc.stderr, proc.stderr[-3000:]
    assert_previous_intact(out, world["first"], before)
