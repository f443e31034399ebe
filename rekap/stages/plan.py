"""PLAN: every stage of a recap run, in run order — the one list the Prefect flow and the in-process
runner walk. A new stage is one entry here (and its plain function); the flow needs no edit."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from rekap.domain import LEVEL_NAMES
from rekap.stages import levels, outputs, publishing, taking
from rekap.stages.run import Run

Log = tuple[int, str]  # (logging level, message)


@dataclass(frozen=True)
class Stage:
    """One step of a run: what it is called everywhere, what it runs, and what it leaves in the Run."""

    name: str  # the task's name in the Prefect UI, the timing label and the crash point (REKAP_CRASH_AT)
    fn: Callable[[Run], Any]
    keeps: str | None = None  # the attribute of Run its result goes to
    reads_package: bool = False  # reads the input package: an I/O failure (a network share) is retried
    log: Callable[[Any], Iterable[Log]] = field(default=lambda result: ())

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or self.name).strip().splitlines()[0]


def _ingest_log(report) -> Iterable[Log]:
    yield from ((logging.WARNING, warning) for warning in report.warnings)
    yield logging.INFO, "dibaca: " + ", ".join(f"{k} {v:,}" for k, v in report.rows.items())


def _level_log(name: str):
    return lambda units: [(logging.INFO, f"tingkat {name}: {units:,} unit")]


def _gate_log(report) -> Iterable[Log]:
    rules = "".join(f"; {rule} {n:,}" for rule, n in sorted(report.failed_rules.items()))
    yield logging.INFO, (f"gerbang {report.stage}: {report.rows_checked:,} baris diperiksa, {report.errors:,} "
                         f"error, {report.warnings:,} peringatan{rules}")


def _pleno_log(counts: dict) -> Iterable[Log]:
    from rekap.domain import PLENO_STATUS

    yield logging.INFO, "pleno: " + ", ".join(f"{PLENO_STATUS[s]} {n:,}" for s, n in sorted(counts.items()))


def _recap_stages() -> Iterable[Stage]:
    """Forms, then the TPS gate (on the forms), then each level built and gated bottom-up."""
    yield Stage("formulir", levels.forms)
    yield Stage("gerbang-tps", levels.gate("tps"), log=_gate_log)
    for name in LEVEL_NAMES:
        yield Stage(f"rekap-{name}", levels.level(name), log=_level_log(name))
        if name != "tps":  # the TPS gate ran on the forms, before the TPS level is built
            yield Stage(f"gerbang-{name}", levels.gate(name), log=_gate_log)
    yield Stage("penetapan", levels.penetapan)
    yield Stage("gerbang-penetapan", levels.gate("penetapan"), log=_gate_log)
    yield Stage("pleno", levels.pleno, log=_pleno_log)


PLAN: tuple[Stage, ...] = (
    Stage("masukan", taking.take_input, keeps="taken", reads_package=True),
    Stage("ingest", taking.ingest, keeps="ingest", reads_package=True, log=_ingest_log),
    *_recap_stages(),
    Stage("ekspor", outputs.export, keeps="summary"),
    Stage("changelog", outputs.changelog, keeps="changelog_base"),
    Stage("nist", outputs.nist, keeps="nist"),
    Stage("identitas", outputs.identify, keeps="identity"),
    Stage("laporan", outputs.render),
    Stage("ringkasan", outputs.overview, keeps="overview"),
    Stage("terbitkan", publishing.publish, keeps="published"),
)
STAGES: dict[str, Stage] = {stage.name: stage for stage in PLAN}
assert len(STAGES) == len(PLAN), "stage names are unique"
