"""How a recap run ends, in words an operator reads in the Prefect UI, and which failures are worth a retry.

Final results end as `Completed`; results with provisional units as a Completed-type state named
`Sementara` (a run that did its job, whose numbers are not yet final: the UI shows it green, with
its own name, and `rekap run` still exits 3); an unusable package as `Failed` with the cell at
fault (set where it is detected, in the ingest task).
"""

from __future__ import annotations

from typing import Any

import duckdb
from prefect.client.schemas.objects import State
from prefect.states import Completed

PROVISIONAL = "Sementara"
EXIT_PROVISIONAL = 3


def outcome_state(outcome: dict) -> State:
    """The final state of a run that published (or found already published) its release."""
    s = outcome["summary"]
    message = (f"rilis {outcome['release_id']} ({s['status']}): {s['kontes_ditetapkan']}/{s['kontes']} kontes "
               f"ditetapkan, {s['formulir_ditahan']:,} formulir ditahan")
    if outcome["exit_code"] == EXIT_PROVISIONAL:
        return Completed(name=PROVISIONAL, message=message, data=outcome)
    return Completed(message=message, data=outcome)


def is_transient_io(task: Any, task_run: Any, state: State) -> bool:
    """Retry a task only when the file system failed it (a network share hiccup), never for bad input."""
    cause = state.data
    return isinstance(cause, (OSError, duckdb.IOException))
