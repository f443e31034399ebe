"""The bench's result: every figure, ratio and target in one dict (bench/results.json), and the
printed table (contender/stage, wall s, CPU s, peak RSS MB, rekap/floor, peer/rekap, target, met?)."""

from __future__ import annotations

import math
import time

# Issue 6's targets for the national sample on a 2-core machine (names as in results.json).
T_DATA, T_CLI_WALL, T_CLI_RSS = "data stages ≤ 1.5 × floor", "rekap run --tanpa-pdf ≤ 45 s", "rekap run --tanpa-pdf ≤ 4 GB"
T_HTML, T_INCREMENTAL = "HTML for every unit ≤ 30 s", "incremental run ≤ 10 s"
T_LINEAR = "rekap cost linear in TPS (CPU growth exponent ≤ 1.1)"
DATA_OVER_FLOOR_MAX = 1.5     # rekap's data stages ≤ 1.5 × the floor, same run
CLI_WALL_MAX_S = 45.0         # rekap run --tanpa-pdf, process start and Prefect included
RSS_MAX_MB = 4096.0           # peak RSS of the whole run
HTML_WALL_MAX_S = 30.0        # HTML for every unit
INCREMENTAL_WALL_MAX_S = 10.0  # a re-run after one correction
GROWTH_EXPONENT_MAX = 1.1     # CPU ∝ TPS^k between the two largest sizes: linear is k ≈ 1


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def growth_exponent(scaling: list[dict], key: str) -> float | None:
    """k in time ∝ TPS^k between the two largest sizes (small ones carry fixed start-up costs)."""
    if len(scaling) < 2:
        return None
    a, b = scaling[-2], scaling[-1]
    if not (a[key] and b[key]) or a["tps"] == b["tps"]:
        return None
    return math.log(b[key] / a[key]) / math.log(b["tps"] / a["tps"])


def assemble(*, mach, sample, label, tps, main, cli, incremental, pdf, scaling, quick, bench_wall_s) -> dict:
    floor, peer, rekap, data = main["floor"], main["peer"], main["rekap"], main["rekap_data"]
    rekap["max_rss_mb"] = max([s["peak_rss_mb"] or 0 for s in rekap["stages"]] + [rekap["max_rss_mb"]])
    html = next((s for s in rekap["stages"] if s["stage"] == "laporan"), None)
    for row in scaling:
        for who in ("floor", "peer", "rekap"):
            row[f"{who}_s_per_1k_tps"] = row[f"{who}_s"] / row["tps"] * 1000
            row[f"{who}_cpu_s_per_1k_tps"] = row[f"{who}_cpu_s"] / row["tps"] * 1000
        row["rekap_over_floor"] = _ratio(row["rekap_s"], row["floor_s"])
    ratios = {"rekap_over_floor": _ratio(data["wall_s"], floor["wall_s"]),
              "rekap_over_floor_cpu": _ratio(data["cpu_s"], floor["cpu_s"]),
              "peer_over_rekap": _ratio(peer["wall_s"], data["wall_s"]),
              "peer_over_rekap_cpu": _ratio(peer["cpu_s"], data["cpu_s"]),
              "peer_over_floor": _ratio(peer["wall_s"], floor["wall_s"])}
    # linearity is judged on CPU seconds: wall time on a shared machine moves with the load between
    # runs, CPU time much less; the wall exponents are kept beside them
    exponents = {who: growth_exponent(scaling, f"{who}_cpu_s") for who in ("floor", "peer", "rekap")}
    exponents_wall = {who: growth_exponent(scaling, f"{who}_s") for who in ("floor", "peer", "rekap")}
    cli_rss = None if cli is None else max(cli["tree_rss_peak_mb"], cli["max_rss_mb"] or 0)

    def target(name, value, limit, unit):  # name: one of TARGETS
        return {"target": name, "value": value, "limit": limit, "unit": unit,
                "met": None if value is None else value <= limit}

    targets = [
        target(T_DATA, ratios["rekap_over_floor"], DATA_OVER_FLOOR_MAX, "×"),
        target(T_CLI_WALL, None if cli is None else cli["wall_s"], CLI_WALL_MAX_S, "s"),
        target(T_CLI_RSS, cli_rss, RSS_MAX_MB, "MB"),
        target(T_HTML, None if html is None else html["wall_s"], HTML_WALL_MAX_S, "s"),
        target(T_INCREMENTAL, None if incremental is None else incremental["wall_s"], INCREMENTAL_WALL_MAX_S, "s"),
        target(T_LINEAR, exponents["rekap"], GROWTH_EXPONENT_MAX, ""),
    ]
    return {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": quick, "package": label, "tps": tps,
        "machine": mach, "sample": sample, "bench_wall_s": bench_wall_s,
        "floor": floor, "peer": peer, "rekap": rekap, "rekap_data": data, "agreement": main["agreement"],
        "ratios": ratios, "cli": cli, "incremental": incremental, "pdf": pdf,
        "pdf_dask": None,  # slot for the Dask task runner's PDF rendering (not implemented yet)
        "scaling": scaling, "growth_exponent": exponents, "growth_exponent_wall": exponents_wall,
        "targets": targets,
    }


def _f(v, spec: str = "8.2f") -> str:
    width = int(spec.split(".")[0]) if spec[0].isdigit() else 8
    return "-".rjust(width) if v is None else format(v, spec)


def _met(t: dict | None) -> str:
    return "" if t is None or t["met"] is None else ("yes" if t["met"] else "NO")


def print_table(r: dict) -> None:
    m = r["machine"]
    targets = {t["target"]: t for t in r["targets"]}
    t_of = targets.get
    print()
    print(f"machine: {m['nproc']} CPU ({m['cpu_model']}), {m['mem_total_mb']:,} MB; DuckDB {m['duckdb']}, "
          f"pandas {m['pandas']}, Python {m['python']}; load average {m['loadavg_start'][0]:.2f} at start, "
          f"{m['loadavg_end'][0]:.2f} at end")
    if m["loadavg_start"][0] > 0.5 * (m["nproc"] or 1):
        print("note: the machine was busy: wall times are inflated (compare the ratios, not the seconds)")
    s = r["rekap"]["summary"]
    print(f"package: {r['package']} ({r['tps']:,} TPS, {s['formulir_masuk']:,} forms, {s['kontes']} contests)"
          + ("  [BENCH_QUICK: up to 100k only]" if r["quick"] else ""))
    head = (f"{'contender / stage':<42} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'rekap/floor':>11} "
            f"{'peer/rekap':>10}  {'target':<16} {'met?':<5}")
    print()
    print(head)
    print("-" * len(head))

    def times(v, width):
        return " " * width if v is None else f"{v:{width - 1}.2f}×"

    def row(name, wall, cpu, rss, rf=None, pr=None, target="", met=""):
        print(f"{name:<42} {_f(wall)} {_f(cpu)} {_f(rss, '8.0f')} {times(rf, 11)} {times(pr, 10)}"
              f"  {target:<16} {met}".rstrip())

    fl, pe, data, ra = r["floor"], r["peer"], r["rekap_data"], r["ratios"]
    row("(a) floor: bare DuckDB", fl["wall_s"], fl["cpu_s"], fl["max_rss_mb"])
    row("(b) peer: pandas", pe["wall_s"], pe["cpu_s"], pe["max_rss_mb"], pr=ra["peer_over_rekap"])
    row("(c) rekap: data stages, timed in the run", data["wall_s"], data["cpu_s"], data["peak_rss_mb"],
        rf=ra["rekap_over_floor"], target="≤ 1.5× floor", met=_met(t_of(T_DATA)))
    for st in r["rekap"]["stages"]:
        if st["stage"] == "finish_run":
            continue
        name = "HTML for every unit (laporan)" if st["stage"] == "laporan" else st["stage"]
        tgt = t_of(T_HTML) if st["stage"] == "laporan" else None
        row(f"    {name}", st["wall_s"], st["cpu_s"], st["peak_rss_mb"],
            target="≤ 30 s" if tgt else "", met=_met(tgt))
    row("    in-process total (ingest .. terbitkan)", r["rekap"]["wall_s"], r["rekap"]["cpu_s"],
        r["rekap"]["max_rss_mb"])
    cli = r["cli"]
    if cli:
        row("rekap run --tanpa-pdf (CLI, Prefect)", cli["wall_s"], cli["cpu_s"],
            max(cli["tree_rss_peak_mb"], cli["max_rss_mb"] or 0), target="≤ 45 s, ≤ 4 GB",
            met=_met(t_of(T_CLI_WALL)) + "/" + _met(t_of(T_CLI_RSS)))
    pdf = r["pdf"]
    if pdf:
        row(f"PDF, a sample of {pdf['reports']} reports ({pdf['pages']} pages)", pdf["wall_s"],
            pdf["process_cpu_s"], pdf["tree_rss_peak_mb"])
        row(f"PDF, all {pdf['all_reports']:,} reports (extrapolated)", pdf["extrapolated_wall_s"], None, None)
    row("PDF (dask)", None, None, None, target="(not yet)")
    inc = r["incremental"]
    if inc:
        row("incremental: 1 koreksi, run --tanpa-laporan", inc["wall_s"], inc["cpu_s"],
            max(inc["tree_rss_peak_mb"], inc["max_rss_mb"] or 0), target="≤ 10 s", met=_met(t_of(T_INCREMENTAL)))
    print("-" * len(head))
    for who in ("floor", "peer"):
        a = r["agreement"][who]
        print(f"{who} = rekap's release: {a['hasil_puncak']['rows']:,} kab/kota and province figures, "
              f"{a['penetapan']['rows']} decisions, {sum(x[2] for x in fl['temuan']):,} TPS findings per rule, "
              f"{a['tps_lolos']['rilis']:,} forms passed: {'equal' if a['agree'] else 'DIFFERENT'}")
    if inc:
        print(f"incremental: changelog names the correction: {'yes' if inc['changelog_ok'] else 'NO'}")
    if pdf:
        print(f"PDF: {pdf['pages'] / pdf['wall_s']:.1f} pages/s on {pdf['workers']} workers; national figure "
              f"extrapolated by HTML bytes ({pdf['subset_html_mb']:.1f} of {pdf['all_html_mb']:.0f} MB), "
              f"by report count it would be {pdf['extrapolated_by_count_wall_s']:.0f} s")

    print()
    head2 = (f"{'scaling':<10} {'TPS':>9} {'floor s':>8} {'CPU/1k':>7} {'peer s':>8} {'CPU/1k':>7} "
             f"{'rekap s':>8} {'CPU/1k':>7} {'rekap/floor':>11} {'rekap MB':>9}")
    print(head2)
    print("-" * len(head2))
    for sc in r["scaling"]:
        print(f"{sc['label']:<10} {sc['tps']:>9,} {sc['floor_s']:8.2f} {sc['floor_cpu_s_per_1k_tps']:7.3f} "
              f"{sc['peer_s']:8.2f} {sc['peer_cpu_s_per_1k_tps']:7.3f} {sc['rekap_s']:8.2f} "
              f"{sc['rekap_cpu_s_per_1k_tps']:7.3f} {sc['rekap_over_floor']:10.2f}× {sc['rekap_rss_mb']:9.0f}")
    g, gw = r["growth_exponent"], r["growth_exponent_wall"]
    if g["rekap"] is not None:
        last = r["scaling"][-2:]
        print(f"growth exponent {last[0]['label']} → {last[1]['label']} (CPU ∝ TPS^k, 1 = linear): "
              f"floor {g['floor']:.2f}, peer {g['peer']:.2f}, rekap {g['rekap']:.2f}  "
              f"target ≤ {GROWTH_EXPONENT_MAX}: {_met(t_of(T_LINEAR))}")
        print(f"  (on wall time: floor {gw['floor']:.2f}, peer {gw['peer']:.2f}, rekap {gw['rekap']:.2f}; "
              f"s/1k TPS and CPU s/1k TPS of every size in results.json → scaling)")
    print()
    print("targets: " + "; ".join(f"{t['target']}: {_met(t) or 'not measured'}" for t in r["targets"]))


if __name__ == "__main__":  # print the table of the last run again: python -m bench.table
    import json
    from pathlib import Path

    print_table(json.loads((Path(__file__).resolve().parent / "results.json").read_text(encoding="utf-8")))
