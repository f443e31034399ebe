"""What a scheduled recap needs of the Prefect server, without importing Prefect: the deployment's
name and default schedule, and waiting for the API to answer. The deployment itself is
flows/serve.py (only flows/ and the CLI's handlers import Prefect).

A deployment of the recap flow on a cron, served from this process against a running Prefect server.

The deployment `rekap-pilkada/terjadwal` carries the run's settings as its parameters, so the
UI shows (and a manual run may override) which package is recapped into which OUT. Each run
executes in a subprocess of the serving process. At most one run of the deployment runs at a
time, across every process serving it: a run that would overlap is cancelled ("Deployment
concurrency limit reached."), not queued — the next tick reads the same folder anyway, and a
queue would only grow when a recap outlasts the interval. OUT's lock (`OUT/.kunci`) still guards
against a `rekap run` by hand on the same OUT.
"""

from __future__ import annotations

import subprocess
import time


DEPLOYMENT_NAME = "terjadwal"
DEFAULT_CRON = "*/15 * * * *"
DEFAULT_TIMEZONE = "Asia/Jakarta"


class ServerUnavailable(RuntimeError):
    """No Prefect server answers at the API URL: scheduled runs need one (`rekap ui`)."""


def wait_for_api(url: str, timeout: float = 0, process: subprocess.Popen | None = None) -> None:
    """Return once the Prefect API at `url` answers its health check; raise ServerUnavailable after `timeout` s
    or as soon as `process` (the server being started) has exited."""
    import httpx

    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{url.rstrip('/')}/health", timeout=5).status_code == 200:
                return
            problem = "menjawab tetapi tidak sehat"
        except httpx.HTTPError as err:
            problem = f"tidak menjawab ({type(err).__name__})"
        if process is not None and process.poll() is not None:
            raise ServerUnavailable(f"server Prefect berhenti (kode {process.returncode}) "
                                    f"sebelum API di {url} menjawab")
        if time.monotonic() >= deadline:
            raise ServerUnavailable(f"server Prefect di {url} {problem}; jalankan `rekap ui` dulu di terminal lain "
                                    "atau setel PREFECT_API_URL")
        time.sleep(0.5)
