"""The catalogue of gates: which suite checks which check table at each stage, and how a stage's
units are held. A new rule is an expectation in its suite (expectations/); a new check is one Gate
here plus its SQL file under sql/gates/."""

from __future__ import annotations

import json
import string
from dataclasses import dataclass

from rekap.domain import AGGREGATE_LEVELS, LEVEL
from rekap.paths import resource_dir
from rekap.sqlfiles import relation


@dataclass(frozen=True)
class Gate:
    """One suite run over one check table. The aggregate suites are one file each for every level
    (expectations/agregat.json, agregat_suara.json), filled with the level's words when loaded."""

    suite: str  # expectations/<suite>.json
    sql: str  # the SQL file that builds the check table (named after the file)
    tingkat: str | None  # level of the findings; None: the contest's top level (column `tingkat`)
    per_level: bool = False  # the suite and the SQL take the level ($tingkat, ${tingkat} / ${anak})
    label: str | None = None  # the check's name in the saved result (`tabel`); default: its table

    @property
    def table(self) -> str:
        return relation(self.sql)

    @property
    def name(self) -> str:
        """The suite's name in the results (validasi/<name>.json): `agregat_kecamatan`."""
        return f"{self.suite}_{self.tingkat}" if self.per_level else self.suite

    @property
    def params(self) -> dict:
        return {"tingkat": self.tingkat} if self.per_level else {}


# The gates of each stage, in the order they run. The TPS gate checks the forms (before the TPS
# level is built); each level above is checked against its children with the one aggregate suite
# pair, filled with the level's words.
GATES: dict[str, tuple[Gate, ...]] = {
    "tps": (Gate("tps", "gates/cek_tps", "tps"), Gate("koreksi", "gates/cek_koreksi", "tps")),
    # desa: its children are the TPS that passed, not units of a level (its own check tables)
    "desa": (Gate("agregat", "gates/cek_desa", "desa", per_level=True),
             Gate("agregat_suara", "gates/cek_suara_desa", "desa", per_level=True)),
    # one check table for the levels above: the saved results keep naming each level's check
    **{level: (Gate("agregat", "gates/cek_agregat", level, True, f"cek_{level}"),
               Gate("agregat_suara", "gates/cek_agregat_suara", level, True, f"cek_suara_{level}"))
       for level in AGGREGATE_LEVELS if level != "desa"},
    "penetapan": (Gate("penetapan", "gates/cek_penetapan", None),),
}
# Stages whose units can be held by their own findings (the TPS gate runs before TPS are built),
# and how: the units of a level, or the contest's determination.
HOLD = {**{level: ("gates/tahan", {"tingkat": level}) for level in AGGREGATE_LEVELS},
        "penetapan": ("gates/tahan_penetapan", {})}


def suite_spec(gate: Gate) -> dict:
    """The suite of a gate as GX reads it; a per-level suite with the level's words filled in."""
    text = (resource_dir("expectations") / f"{gate.suite}.json").read_text(encoding="utf-8")
    if gate.per_level:
        level = LEVEL[gate.tingkat]
        text = string.Template(text).substitute(tingkat=level.name, anak=level.members)
    return json.loads(text)
