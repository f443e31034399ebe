"""`make bench`: rekap side by side with a bare-DuckDB floor and a pandas peer on the same files,
the end-to-end figures, and a scaling series; prints one table and writes bench/results.json.

1. The national sample is generated once into bench/cache/<scope>-seed<seed>/ (reused after),
   and the scaling packages (1k, 10k, 100k TPS) are cut from it (bench/subsets.py, cached too).
2. On the largest package (national; 100k with BENCH_QUICK=1), each in a fresh process:
   (a) floor: bare DuckDB (bench/floor.py), (b) peer: pandas (bench/peer_pandas.py), (c) rekap's
   stages in process with HTML reports (bench/rekap_inprocess.py); floor and peer must agree
   with rekap's release (bench/agreement.py) or the bench fails.
3. End to end: `rekap run --tanpa-pdf` (Prefect included), an incremental run after one
   correction (`rekap run --tanpa-laporan` on the same OUT), PDFs of a fixed sample extrapolated.
4. Scaling: floor, peer and rekap's data stages on every smaller package (+ the largest from 2).

Usage: .venv/bin/python bench/run_national.py [--quick] [--sizes N,N,..] [--seed N] [--skip-cli] [--skip-pdf]
       BENCH_QUICK=1 is --quick: everything up to 100k TPS only (development).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script (make bench): make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import agreement, extras, subsets, table  # noqa: E402
from bench.measure import ROOT, machine, run_child, run_module  # noqa: E402

BENCH = ROOT / "bench"
CACHE = BENCH / "cache"
RESULTS = BENCH / "results.json"
SCALING_TPS = (1_000, 10_000, 100_000)
PDF_REPORTS = 60  # the fixed sample of reports rendered as PDF (bench/pdf_subset.py)

_GENERATE = """\
import json, sys
from rekap.sample.write import write_sample
print(json.dumps(write_sample(sys.argv[1], sys.argv[2], seed=int(sys.argv[3]))))
"""


def ensure_sample(scope: str, seed: int) -> tuple[Path, dict]:
    """The sample package, generated once in a child process and reused afterwards."""
    from rekap.sample.write import PACKAGE_FILES

    pkg = CACHE / f"{scope}-seed{seed}"
    sidecar = CACHE / f"{scope}-seed{seed}.summary.json"
    if pkg.is_dir() and all((pkg / f).is_file() for f in PACKAGE_FILES) and sidecar.is_file():
        print(f"sample {scope} seed {seed}: reusing {pkg.relative_to(ROOT)}", flush=True)
        return pkg, json.loads(sidecar.read_text(encoding="utf-8")) | {"reused": True}
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"sample {scope} seed {seed}: generating {pkg.relative_to(ROOT)} ...", flush=True)
    res = run_child([sys.executable, "-c", _GENERATE, scope, str(pkg), str(seed)])
    if res["returncode"] != 0:
        sys.exit(f"sample generation failed (exit {res['returncode']}):\n{res['stderr_tail']}")
    summary = json.loads(res["stdout"].strip().splitlines()[-1])
    summary["_generation"] = {k: res[k] for k in ("wall_s", "cpu_s", "max_rss_mb")}
    sidecar.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return pkg, summary | {"reused": False}


def contender(module: str, pkg: Path, tag: str, *extra) -> dict:
    """One contender in a fresh process: its own figures plus the whole process's wall."""
    res = run_module(module, ["--input", pkg, *extra], CACHE / "runs" / f"{tag}-{module}.json")
    inner = res["inner"]
    inner["process_wall_s"] = res["process"]["wall_s"]
    inner["process_cpu_s"] = res["process"]["cpu_s"]
    return inner


def data_stages(rekap: dict) -> dict:
    """rekap's data stages: ingest, the gates, every level, penetapan (everything before ekspor)."""
    names = [s["stage"] for s in rekap["stages"]]
    data = rekap["stages"][: names.index("ekspor")] if "ekspor" in names else rekap["stages"]
    return {"stages": [s["stage"] for s in data], "wall_s": sum(s["wall_s"] for s in data),
            "cpu_s": sum(s["cpu_s"] for s in data),
            "peak_rss_mb": max((s["peak_rss_mb"] or 0) for s in data) or rekap["max_rss_mb"]}


def compare_all(pkg_label: str, release: str, floor: dict, peer: dict) -> dict:
    rilis = agreement.release_outcome(Path(release))
    out = {"floor": agreement.compare(floor, rilis), "peer": agreement.compare(peer, rilis)}
    for who, rep in out.items():
        if not rep["agree"]:
            raise SystemExit(f"{pkg_label}: {who} does not agree with rekap's release {release}:\n"
                             + json.dumps(rep, indent=1))
    return out


def slim(result: dict) -> dict:
    """A contender's figures without the comparison payload."""
    return {k: v for k, v in result.items() if k not in ("hasil_puncak", "penetapan")}


def run_size(label: str, pkg: Path, *, html: bool) -> dict:
    print(f"[{label}] floor ...", flush=True)
    floor = contender("floor", pkg, label)
    print(f"[{label}] peer (pandas) ...", flush=True)
    peer = contender("peer_pandas", pkg, label)
    print(f"[{label}] rekap, stages in process{' + HTML' if html else ''} ...", flush=True)
    rekap = contender("rekap_inprocess", pkg, label, "--out", CACHE / "out" / label, *(["--html"] if html else []))
    agree = compare_all(label, rekap["release"], floor, peer)
    return {"floor": slim(floor), "peer": slim(peer), "rekap": rekap, "rekap_data": data_stages(rekap),
            "agreement": agree}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK", "") not in ("", "0"),
                   help="only up to 100k TPS (also BENCH_QUICK=1)")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--skip-cli", action="store_true", help="skip the CLI and incremental runs")
    p.add_argument("--skip-pdf", action="store_true", help="skip the PDF subset")
    p.add_argument("--sizes", default=None, metavar="N,N,...",
                   help="TPS counts of the scaling packages (default 1000,10000,100000); with --quick the "
                        "largest is the package of the side-by-side run")
    args = p.parse_args(argv)

    started = time.perf_counter()
    mach = machine()
    national, sample = ensure_sample("nasional", args.seed)
    sizes = []
    for n in (tuple(int(x) for x in args.sizes.split(",")) if args.sizes else SCALING_TPS):
        pkg, info = subsets.cut(national, n, CACHE)
        sizes.append((f"{n // 1000}k" if n % 1000 == 0 else str(n), pkg, info["tps"]))
    if not args.quick:
        sizes.append(("nasional", national, sample["tps"]))
    label, main_pkg, main_tps = sizes[-1]

    main_run = run_size(label, main_pkg, html=True)
    release = Path(main_run["rekap"]["release"])
    scratch = CACHE / "runs"
    cli = incremental = pdf = None
    failures: dict[str, str] = {}

    def attempt(name: str, fn, *fargs):
        """An end-to-end measurement that fails is reported, and the bench goes on with the rest."""
        try:
            return fn(*fargs)
        except RuntimeError as exc:
            failures[name] = str(exc)[-3000:]
            print(f"[{label}] {name} FAILED:\n{failures[name]}", file=sys.stderr, flush=True)
            return None

    if not args.skip_cli:
        print(f"[{label}] rekap run --tanpa-pdf (CLI, Prefect) ...", flush=True)
        out_cli = CACHE / "out-cli" / label
        cli = attempt("cli", extras.cli_run, main_pkg, out_cli, "--tanpa-pdf")
        if cli is not None:
            print(f"[{label}] incremental: one koreksi, rekap run --tanpa-laporan on the same OUT ...", flush=True)
            incremental = attempt("incremental", extras.incremental_run, main_pkg, out_cli, scratch)
    if not args.skip_pdf:
        print(f"[{label}] PDF of {PDF_REPORTS} reports ...", flush=True)
        pdf = attempt("pdf", extras.pdf_subset, release, PDF_REPORTS, scratch, main_run["rekap"]["threads"])

    scaling = []
    for size_label, pkg, tps in sizes:
        run = main_run if size_label == label else run_size(size_label, pkg, html=False)
        scaling.append({"label": size_label, "tps": tps, "floor_s": run["floor"]["wall_s"],
                        "peer_s": run["peer"]["wall_s"], "rekap_s": run["rekap_data"]["wall_s"],
                        "floor_cpu_s": run["floor"]["cpu_s"], "peer_cpu_s": run["peer"]["cpu_s"],
                        "rekap_cpu_s": run["rekap_data"]["cpu_s"],
                        "floor_rss_mb": run["floor"]["max_rss_mb"], "peer_rss_mb": run["peer"]["max_rss_mb"],
                        "rekap_rss_mb": run["rekap_data"]["peak_rss_mb"], "agree": True})

    mach["loadavg_end"] = list(os.getloadavg())
    result = table.assemble(mach=mach, sample=sample, label=label, tps=main_tps, main=main_run, cli=cli,
                            incremental=incremental, pdf=pdf, scaling=scaling, quick=args.quick,
                            bench_wall_s=time.perf_counter() - started)
    result["failures"] = failures
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table.print_table(result)
    print(f"\nwritten: {RESULTS.relative_to(ROOT)} ({result['bench_wall_s']:.0f} s in all)")
    if failures:
        print(f"FAILED: {', '.join(failures)} (see results.json → failures)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
