"""The end-to-end figures around the in-process stages: the CLI through Prefect (`rekap run
--tanpa-pdf`), an incremental run after one correction, and PDF rendering of a fixed sample."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

from bench.measure import ROOT, run_child, run_module

KOREKSI_ID = "K-BENCH-1"


def rekap_executable() -> Path:
    exe = Path(sys.executable).parent / "rekap"
    return exe if exe.exists() else ROOT / ".venv" / "bin" / "rekap"


def cli_run(pkg: Path, out: Path, *flags: str, fresh: bool = True) -> dict:
    """`rekap run --input PKG --out OUT FLAGS` as a child process (Prefect's temporary server
    included); `fresh` empties OUT first."""
    if fresh and out.exists():
        shutil.rmtree(out)
    res = run_child([str(rekap_executable()), "run", "--input", str(pkg), "--out", str(out), *flags])
    if res["returncode"] not in (0, 3):
        raise RuntimeError(f"rekap run failed (exit {res['returncode']}):\n{res['stderr_tail']}")
    return res


def package_with_koreksi(pkg: Path, dest: Path) -> tuple[Path, dict]:
    """A copy of `pkg` (symlinks to its files) plus a koreksi.csv of one cell: disabilitas_l of the
    first form, one more. The correction applies (nilai_lama is the form's value) and keeps the
    form valid (registered disabled voters only grow), so exactly one figure changes."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for f in sorted(pkg.glob("*.csv")):
        (dest / f.name).symlink_to(f.resolve())
    with (pkg / "c_hasil.csv").open(encoding="utf-8-sig", newline="") as fh:
        first = next(csv.DictReader(fh))
    old = int(first["disabilitas_l"])
    row = {"id": KOREKSI_ID, "kode_tps": first["kode_tps"], "jenis": first["jenis"], "kolom": "disabilitas_l",
           "nilai_lama": old, "nilai_baru": old + 1, "tingkat": "kecamatan", "alasan": "salah tulis (bench)",
           "dokumen": "BA-BENCH-1"}
    with (dest / "koreksi.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(row), lineterminator="\n")
        w.writeheader()
        w.writerow(row)
    return dest, row


def incremental_run(pkg: Path, out: Path, scratch: Path) -> dict:
    """After a full run published into OUT: the same package plus one correction, `rekap run
    --tanpa-laporan` on the same OUT; checks that the new release's changelog names it."""
    corrected, koreksi = package_with_koreksi(pkg, scratch / "paket-koreksi")
    res = cli_run(corrected, out, "--tanpa-laporan", fresh=False)
    with (out / "latest" / "data" / "changelog.csv").open(encoding="utf-8", newline="") as fh:
        changes = list(csv.DictReader(fh))
    res["koreksi"] = koreksi
    res["changelog_rows"] = len(changes)
    res["changelog_ok"] = (len(changes) == 1 and changes[0]["sumber"] == f"koreksi:{KOREKSI_ID}"
                           and changes[0]["lama"] == str(koreksi["nilai_lama"]))
    return res


def pdf_subset(release: Path, reports: int, scratch: Path, workers: int) -> dict:
    res = run_module("pdf_subset", ["--release", release, "--reports", reports, "--scratch", scratch / "pdf",
                                    "--workers", workers], scratch / "pdf.json")
    return res["inner"] | {"tree_rss_peak_mb": res["process"]["tree_rss_peak_mb"],
                           "process_cpu_s": res["process"]["cpu_s"]}
