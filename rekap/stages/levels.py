"""The recap stages between ingest and export: forms, each level, its gate, the penetapan.

Each opens the run's database for its own statements (one SQL file per relation, all units at once)."""

from __future__ import annotations

from rekap.db import connect
from rekap.gates import GateReport, Validator, run_gates
from rekap.recap import build_forms, build_level, decide_penetapan
from rekap.stages.run import Run


def _db(run: Run):
    return connect(run.paths.db, threads=run.settings.threads, memory_limit=run.settings.memory_limit)


def forms(run: Run) -> None:
    """Expected forms per contest and the form that counts per TPS, corrections applied."""
    with _db(run) as con:
        build_forms(con)


def level(name: str):
    """The stage that builds one level of the recap, for every contest and unit at once."""

    def build(run: Run) -> int:
        with _db(run) as con:
            return build_level(con, name)

    build.__name__ = f"rekap_{name}"
    return build


def gate(stage: str):
    """The stage that validates `stage` with its GX suites: findings recorded, what broke an error rule held."""

    def check(run: Run) -> GateReport:
        with _db(run) as con:
            return run_gates(con, stage, Validator(), run.paths.validation)

    check.__name__ = f"gerbang_{stage}"
    return check


def penetapan(run: Run) -> None:
    """Determine each contest whose top unit is final."""
    with _db(run) as con:
        decide_penetapan(con)


def pleno(run: Run) -> dict:
    """Where each unit's rapat pleno stands (adopted, reopened, ready, incomplete; on time or late) and
    each contest on its way to the penetapan calon terpilih; refuses what the plenary process forbids."""
    from rekap.pleno.adoption import decide_pleno

    with _db(run) as con:
        return decide_pleno(con, run.paths.package, run.settings.releases_dir, run.settings.sekarang)
