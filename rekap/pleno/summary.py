"""What an operator watching the flow sees of the plenaries: units per status and level, and the
plenaries that are late or overdue, read from a published release's data/pleno.csv."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from rekap.domain import KETEPATAN, LEVEL, PLENO_STATUS

LATE = ("terlambat", "lewat_jadwal")


def pleno_summary(release: Path) -> tuple[list[dict], list[dict]]:
    """([{tingkat, status, unit}] top-down, [late or overdue unit rows]); empty without data/pleno.csv."""
    path = release / "data" / "pleno.csv"
    if not path.is_file():
        return [], []
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    counts = Counter((r["tingkat"], r["status"]) for r in rows)
    order = {name: LEVEL[name].rank for name in LEVEL}
    status = [{"tingkat": LEVEL[t].label, "status": PLENO_STATUS.get(s, s), "unit": n}
              for (t, s), n in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], list(PLENO_STATUS).index(kv[0][1])))]
    late = [{"jenis": r["jenis"], "kode_kontes": r["kode_kontes"], "tingkat": LEVEL[r["tingkat"]].label,
             "kode_wilayah": r["kode_wilayah"], "batas": f"{r['batas']} {r['zona']}",
             "keadaan": KETEPATAN[r["ketepatan"]], "selesai": r["selesai"]}
            for r in rows if r["ketepatan"] in LATE]
    return status, late
