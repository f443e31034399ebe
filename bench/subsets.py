"""Smaller packages for the scaling series, cut from the cached national one consistently: whole
kab/kota in code order until the TPS count is reached (so 1k ⊂ 10k ⊂ 100k), every file of the
package filtered by that set, the contests kept that still have TPS. The package stays valid:
each TPS keeps its forms and votes, each kept contest keeps its ballot columns."""

from __future__ import annotations

import json
from pathlib import Path

from bench.sqlrun import connect, run

TPS_FILES = ("tps.csv", "c_hasil.csv", "suara_paslon.csv")


def cut(source: Path, target_tps: int, cache: Path) -> tuple[Path, dict]:
    """The package of at least `target_tps` TPS cut from `source`, cached beside it."""
    dest = cache / f"{source.name}-tps{target_tps}"
    sidecar = cache / f"{dest.name}.json"  # beside the package, not in it
    if sidecar.is_file():
        info = json.loads(sidecar.read_text(encoding="utf-8"))
        if info.get("source") == source.name and info.get("target_tps") == target_tps:
            return dest, info
    dest.mkdir(parents=True, exist_ok=True)
    con = connect(threads=2, memory_limit="2GB")
    try:
        chosen = run(con, "subset_kabkota", {"path": str(source / "tps.csv"), "target": target_tps}).fetchall()
        kabkota = [k for k, _ in chosen]
        for name in TPS_FILES:
            run(con, "subset_tps", {"path": str(source / name), "kabkota": kabkota, "target": str(dest / name)})
        run(con, "subset_paslon", {"path": str(source / "paslon.csv"), "kabkota": kabkota,
                                   "target": str(dest / "paslon.csv")})
    finally:
        con.close()
    info = {"source": source.name, "target_tps": target_tps, "tps": sum(n for _, n in chosen),
            "kabkota": kabkota}
    sidecar.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return dest, info
