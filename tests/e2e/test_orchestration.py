"""Scheduled recaps: named run states, the deployment's shape, and the whole operator set-up end to end —
PostgreSQL, `prefect server start` on it, the recap deployment served from another process, runs
triggered through the API — stopped by process group with no process left behind."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from rekap.errors import InputError
from rekap.settings import RecapSettings

CRON = "0 3 1 1 *"  # once a year: the e2e test triggers its runs itself, the schedule must not interfere


def outcome(exit_code: int) -> dict:
    status = "final" if exit_code == 0 else "sementara"
    return {"release_id": "r1", "path": "/out/releases/r1", "new": True, "exit_code": exit_code,
            "summary": {"status": status, "kontes": 2, "kontes_ditetapkan": 2 - (exit_code == 3),
                        "formulir_ditahan": 1}}


def test_final_run_is_completed_and_provisional_run_is_completed_named_sementara():
    from flows.states import outcome_state

    final, provisional = outcome_state(outcome(0)), outcome_state(outcome(3))
    assert (final.type.value, final.name) == ("COMPLETED", "Completed")
    assert (provisional.type.value, provisional.name) == ("COMPLETED", "Sementara")
    assert provisional.is_completed() and not provisional.is_failed()
    assert "1/2 kontes ditetapkan" in provisional.message and "rilis r1 (sementara)" in provisional.message
    assert provisional.data["exit_code"] == 3 and final.data["exit_code"] == 0


def test_only_file_system_failures_are_retried():
    from prefect.states import Failed

    from flows.states import is_transient_io

    assert is_transient_io(None, None, Failed(data=OSError(5, "Input/output error")))
    assert not is_transient_io(None, None, Failed(data=InputError("tps.csv", None, None, "berkas wajib tidak ada")))
    assert not is_transient_io(None, None, Failed(data=ValueError("bug")))


def test_deployment_runs_one_at_a_time_on_the_operators_schedule(tmp_path):
    from flows.serve import recap_deployment

    settings = RecapSettings(input_dir=tmp_path / "pkg", out_dir=tmp_path / "out", pdf=False)
    deployment = recap_deployment(settings, "*/15 * * * *", "Asia/Jakarta")
    assert (deployment.name, deployment.entrypoint) == ("terjadwal", "flows.recap.recap_flow")
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("*/15 * * * *", "Asia/Jakarta")
    assert deployment.concurrency_limit == 1
    assert deployment.concurrency_options.collision_strategy.value == "CANCEL_NEW"
    assert deployment.parameters == {"settings": {"input_dir": str(tmp_path / "pkg"), "out_dir": str(tmp_path / "out"),
                                                  "pdf": False}}


def test_ui_environment_turns_analytics_off_and_picks_the_database():
    from rekap.orchestration import ui_environment

    env = ui_environment(None, {"PREFECT_SERVER_ANALYTICS_ENABLED": "true", "PREFECT_API_URL": "http://x/api"})
    assert (env["PREFECT_SERVER_ANALYTICS_ENABLED"], env["DO_NOT_TRACK"]) == ("false", "1")
    assert "PREFECT_API_DATABASE_CONNECTION_URL" not in env and "PREFECT_API_URL" not in env
    pg = ui_environment("postgresql+asyncpg://u:p@127.0.0.1:5433/prefect", {})
    assert pg["PREFECT_API_DATABASE_CONNECTION_URL"] == "postgresql+asyncpg://u:p@127.0.0.1:5433/prefect"
    with pytest.raises(ValueError):
        ui_environment("postgresql://u:p@127.0.0.1/prefect", {})


# --- end to end -------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gone(pid: int) -> bool:
    """No such process, or a zombie (this sandbox's PID 1 does not reap orphans)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def live_processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, process group) of every process that is not a zombie."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] not in ("Z", "X"):
                found[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return found


def group_members(pgid: int) -> list[int]:
    return [pid for pid, (_, group) in live_processes().items() if group == pgid]


def descendants(pid: int) -> list[int]:
    """Children, grandchildren, ... of `pid`, whatever their session (the runner starts each run in its own)."""
    table = live_processes()
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, (ppid, _) in table.items() if ppid == parent]
        found += children
        frontier += children
    return found


def stop_group(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to the process group, SIGKILL whatever is left after `timeout` s; reap the leader."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        proc.wait(10)
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        pass
    deadline = time.monotonic() + 5
    while group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(10)


def provisional_copy(package: Path, folder: Path) -> Path:
    """The package with its last C.Hasil form missing: one TPS short, so its contest stays sementara."""
    folder.mkdir()
    for p in package.iterdir():
        lines = p.read_text().splitlines(keepends=True)
        (folder / p.name).write_text("".join(lines[:-1] if p.name == "c_hasil.csv" else lines))
    return folder


def wait_scheduled(client, deployment_id, timeout: float):
    """The first run the server's scheduler created from the deployment's cron."""
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId, FlowRunFilter
    from prefect.client.schemas.filters import FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    deadline = time.monotonic() + timeout
    while True:
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))),
            sort=FlowRunSort.EXPECTED_START_TIME_ASC, limit=1)
        if runs:
            return runs[0]
        assert time.monotonic() < deadline, "the scheduler created no run from the cron"
        time.sleep(1)


def wait_finished(client, run_ids: list, timeout: float) -> list:
    deadline = time.monotonic() + timeout
    while True:
        runs = [client.read_flow_run(run_id) for run_id in run_ids]
        if all(run.state.is_final() for run in runs):
            return runs
        assert time.monotonic() < deadline, [(run.name, run.state.name) for run in runs]
        time.sleep(1)


@pytest.mark.e2e
def test_scheduled_recap_on_postgres_end_to_end(tmp_path, monkeypatch, sample_package):
    from rekap.localpg import LocalPostgres, bin_dir

    if bin_dir() is None:
        pytest.skip("PostgreSQL binaries are not installed (apt-get install -y postgresql)")
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from rekap.orchestration import start_ui, wait_for_api

    started = time.monotonic()
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    package = sample_package("balikpapan", seed=7)  # shared: read only
    provisional = provisional_copy(package, tmp_path / "pkg-sementara")
    out = tmp_path / "out"
    # /tmp, not pytest's root-only tmp_path: as root the server runs as `postgres`, who must enter the folder
    pg = LocalPostgres(Path(tempfile.mkdtemp(prefix="rekap-pg-")), port=free_port())
    procs: list[subprocess.Popen] = []
    pids: list[int] = []
    try:
        url = pg.start()
        port = free_port()
        api = f"http://127.0.0.1:{port}/api"
        server = start_ui("127.0.0.1", port, url, log=tmp_path / "server.log")
        procs.append(server)
        wait_for_api(api, timeout=120, process=server)
        ready = time.monotonic()

        env = os.environ | {"PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
        code = ("import sys; from flows.serve import serve_recap; "
                "serve_recap(sys.argv[1], sys.argv[2], sys.argv[3], 'Asia/Jakarta', pdf=False)")
        with open(tmp_path / "serve.log", "wb") as log:
            serving = subprocess.Popen([sys.executable, "-c", code, str(package), str(out), CRON], env=env,
                                       stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True)
        procs.append(serving)

        with temporary_settings(updates={PREFECT_API_URL: api}), get_client(sync_client=True) as client:
            deadline = time.monotonic() + 60
            while True:
                assert serving.poll() is None, (tmp_path / "serve.log").read_text()
                try:
                    deployment = client.read_deployment_by_name("rekap-pilkada/terjadwal")
                    break
                except Exception:  # not registered yet
                    assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                    time.sleep(0.5)
            assert deployment.global_concurrency_limit.limit == 1
            assert deployment.schedules[0].schedule.cron == CRON
            assert deployment.schedules[0].schedule.timezone == "Asia/Jakarta"

            final = run_deployment("rekap-pilkada/terjadwal", timeout=180, poll_interval=1)
            assert (final.state.type.value, final.state.name) == ("COMPLETED", "Completed"), final.state
            assert "(final): 2/2 kontes ditetapkan" in final.state.message
            first_release = os.readlink(out / "latest")
            assert (out / "latest" / "data" / "hasil.csv").is_file()
            assert (out / "latest" / "laporan").is_dir() and not list((out / "latest" / "laporan").rglob("*.pdf"))

            # two runs at once: the deployment's limit of 1 lets one through, never both at the same time
            settings = {"input_dir": str(provisional), "out_dir": str(out), "pdf": False}
            twins = [run_deployment("rekap-pilkada/terjadwal", parameters={"settings": settings}, timeout=0)
                     for _ in range(2)]
            runs = wait_finished(client, [run.id for run in twins], timeout=180)
            names = sorted(run.state.name for run in runs)
            assert names in (["Cancelled", "Sementara"], ["Sementara", "Sementara"]), names
            done = [run for run in runs if run.state.name == "Sementara"]
            if len(done) == 2:  # both ran: one after the other
                first, second = sorted(done, key=lambda run: run.start_time)
                assert first.end_time <= second.start_time
            else:
                cancelled = next(run for run in runs if run.state.name == "Cancelled")
                assert "concurrency limit" in cancelled.state.message
            assert done[0].state.is_completed() and "(sementara)" in done[0].state.message
            assert os.readlink(out / "latest") != first_release
            assert len(list((out / "releases").iterdir())) == 2
            # the server's scheduler turned the cron, in the operator's timezone, into a run of its own
            scheduled = wait_scheduled(client, deployment.id, timeout=60)
            local = scheduled.expected_start_time.astimezone(ZoneInfo("Asia/Jakarta"))
            assert local.strftime("%m-%d %H:%M") == "01-01 03:00"

            stop_group(serving)  # Ctrl+C / SIGTERM on `rekap serve` pauses the schedule
            assert client.read_deployment(deployment.id).paused
        print(f"\nserver ready {ready - started:.1f}s, runs {time.monotonic() - ready:.1f}s, names {names}")
    finally:
        for proc in reversed(procs):
            pids += [proc.pid, *descendants(proc.pid)]
            stop_group(proc)
        if pg.pid():
            pids += [pg.pid(), *descendants(pg.pid())]
        pg.stop()
        shutil.rmtree(pg.base, ignore_errors=True)
    assert [pid for pid in pids if not gone(pid)] == []
    assert [pid for proc in procs for pid in group_members(proc.pid)] == []
