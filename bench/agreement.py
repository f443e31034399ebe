"""Is a contender's recap the same as rekap's? Compared with the published release: every kab/kota
and province figure per contest and ballot column (data/hasil.csv), the decision of every contest
(data/penetapan.csv), the findings at TPS level per rule (data/pengecualian.csv) and the count of
forms that passed (data/administrasi.csv). Equal on all four = the same work was done."""

from __future__ import annotations

from pathlib import Path

from bench.sqlrun import connect, run

PARTS = {"hasil_puncak": ("rilis_hasil_puncak", "hasil.csv"), "penetapan": ("rilis_penetapan", "penetapan.csv"),
         "temuan": ("rilis_temuan", "pengecualian.csv")}


def release_outcome(release: Path) -> dict:
    """The release's side, in the shape the contenders report theirs."""
    data = Path(release) / "data"
    con = connect()
    try:
        out = {part: [list(r) for r in run(con, name, {"path": str(data / file)}).fetchall()]
               for part, (name, file) in PARTS.items()}
        out["tps_lolos"] = run(con, "rilis_tps_lolos", {"path": str(data / "administrasi.csv")}).fetchone()[0]
        return out
    finally:
        con.close()


def compare(contender: dict, release: dict) -> dict:
    """{"agree": bool, part: {"rows", "differ", "first"}} — `first` shows a few differing rows."""
    report: dict = {}
    for part in ("hasil_puncak", "penetapan", "temuan"):
        mine = {tuple(r) for r in contender[part]}
        theirs = {tuple(r) for r in release[part]}
        diff = sorted(mine ^ theirs)
        report[part] = {"rows": len(theirs), "differ": len(diff),
                        "first": [["bench" if d in mine else "rilis", *d] for d in diff[:5]]}
    report["tps_lolos"] = {"rilis": release["tps_lolos"], "bench": contender["tps_lolos"],
                           "differ": int(release["tps_lolos"] != contender["tps_lolos"])}
    report["agree"] = not any(v["differ"] for v in report.values() if isinstance(v, dict))
    return report
