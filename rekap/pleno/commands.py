"""`rekap pleno`: the plenary commands (wired into rekap.cli). `contoh` writes sample plenaries
into a package adopting OUT/latest (the demo); recording a real plenary is writing its rows into
the package's pleno.csv, pleno_hadir.csv and keberatan.csv (docs/contract.md, "Rapat pleno"),
checked by the next `rekap run`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rekap.domain import EXIT_FINAL, EXIT_INPUT
from rekap.errors import InputError


def add_pleno_parser(sub) -> argparse.ArgumentParser:
    pleno = sub.add_parser("pleno", help="rapat pleno: contoh penetapan berjenjang untuk paket contoh")
    cmds = pleno.add_subparsers(required=True, metavar="PERINTAH")
    contoh = cmds.add_parser("contoh", help="tulis pleno contoh (DATA CONTOH) ke paket, menetapkan rilis terbaru OUT")
    contoh.add_argument("--input", required=True, type=Path, help="folder paket (pleno*.csv ditulis ke sini)")
    contoh.add_argument("--out", required=True, type=Path, help="folder rilis (OUT): rilis terbaru yang ditetapkan")
    contoh.add_argument("--terlambat", default=None, metavar="KODE",
                        help="kode kab/kota yang plenonya terlambat sehari (bawaan: kab/kota terakhir)")
    contoh.add_argument("--seed", type=int, default=2024)
    contoh.set_defaults(handler=contoh_command)
    return pleno


def contoh_command(args: argparse.Namespace) -> int:
    from rekap.pleno.sample import write_sample_pleno

    try:
        done = write_sample_pleno(args.input, args.out, seed=args.seed, late=args.terlambat)
    except InputError as err:
        print(f"rekap: {err}", file=sys.stderr)
        return EXIT_INPUT
    print(f"pleno contoh ditulis ke {args.input}: {done['pleno']:,} rapat pleno menetapkan rilis {done['rilis']}, "
          f"{done['hadir']:,} kehadiran, {done['keberatan']:,} keberatan; pleno kab/kota {done['terlambat']} terlambat")
    return EXIT_FINAL
