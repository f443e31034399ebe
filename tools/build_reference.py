"""Build the compact reference tables shipped in ``rekap/reference/``.

Dev-time only. Reads the shared data folder (wilayah tables from cahyadsn/wilayah and the
Sirekap Pilkada 2024 snapshot from razanfawwaz/pilkada-scrap) and writes small, sorted,
deterministic CSVs plus ``SOURCE.md`` and ``LICENSE-wilayah``. The product never reads the
shared folder at run time.

    .venv/bin/python tools/build_reference.py --shared ../shared

Every consistency claim this script relies on is asserted; it fails loudly otherwise. Each table
is built by its own module in ``tools/reference/``; this script reads, builds and writes them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import defaultdict
from pathlib import Path

from reference.common import commit_of, write_csv
from reference.contests import build_contests
from reference.penduduk import build_penduduk
from reference.source_md import render_source_md
from reference.sources import inputs, read_snapshot
from reference.tps_votes import build_tps_votes
from reference.wilayah import build_wilayah

from rekap.domain import level_of_code

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "rekap" / "reference"


def build(shared: Path, out: Path) -> dict:
    wdir, sdir = inputs(shared)
    snap = read_snapshot(sdir)
    wilayah = build_wilayah(wdir, snap)
    wil = wilayah.names
    contests = build_contests(snap)
    tv = build_tps_votes(snap, contests, wil)
    pen = build_penduduk(wdir, wil, contests.keys)

    out.mkdir(parents=True, exist_ok=True)
    wil_rows = sorted(wil.items())
    counts = {
        "wilayah.csv": write_csv(out / "wilayah.csv", ["kode", "nama"], wil_rows),
        "penduduk.csv": write_csv(out / "penduduk.csv", ["kode", "nama", "total"], pen.rows),
        "kontes.csv": write_csv(out / "kontes.csv", ["jenis", "kode_kontes", "nama_wilayah"], contests.kontes),
        "paslon.csv": write_csv(out / "paslon.csv",
                                ["jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong"], contests.paslon),
        "kecamatan_tps.csv": write_csv(out / "kecamatan_tps.csv", ["kode_kecamatan", "tps_total"],
                                       sorted(tv.kec_tps.items())),
        "kecamatan_suara.csv": write_csv(
            out / "kecamatan_suara.csv",
            ["jenis", "kode_kontes", "kode_kecamatan", "nomor_urut", "suara"], tv.suara),
    }
    shutil.copyfile(wdir / "LICENSE", out / "LICENSE-wilayah")

    lv = defaultdict(int)
    for c in wil:
        lv[level_of_code(c)] += 1
    src = defaultdict(int)
    for c in wil:
        src[wilayah.source_of[c]] += 1
    stats = {
        "levels": dict(lv),
        "sources": dict(src),
        "counts": counts,
        "tps_total": tv.total,
        "tps_pkwkp": sum(tv.tps_by_type["pkwkp"].values()),
        "tps_pkwkk": sum(tv.tps_by_type["pkwkk"].values()),
        "kecamatan": len(tv.kec_tps),
        "suara_empty": sum(1 for s in tv.suara if s[4] == ""),
        "kolom_kosong": contests.kolom_kosong,
        "n_prov_pen": pen.provinces,
        "n_kab_pen": pen.kabkota,
        "max_tps_per_desa": tv.max_per_desa,
    }
    (out / "SOURCE.md").write_bytes(render_source_md(
        stats, commit_of(wdir / "SOURCE.md"), commit_of(sdir / "SOURCE.md"),
        wilayah.pbd_notes, wilayah.fallback, wilayah.synthesised, pen.name_notes).encode("utf-8"))
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (holds data/)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    stats = build(args.shared.resolve(), args.out.resolve())
    for name, n in stats["counts"].items():
        print(f"{name}: {n:,} rows")
    print(f"TPS total {stats['tps_total']:,}; wilayah sources {stats['sources']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
