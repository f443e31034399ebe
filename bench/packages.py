"""What the floor and the peer accept: the contract's required files of a package, no extras.

Both implement rekap's TPS rules for packages without submission times (`diterima_pada`) and
without corrections (`koreksi.csv`): the bench's samples. They refuse anything else by name
rather than compute something different from rekap.
"""

from __future__ import annotations

from pathlib import Path

FILES = ("paslon.csv", "tps.csv", "c_hasil.csv", "suara_paslon.csv")


class Unsupported(Exception):
    pass


def check_supported(pkg: Path) -> None:
    pkg = Path(pkg)
    for name in FILES:
        if not (pkg / name).is_file():
            raise Unsupported(f"{pkg / name}: tidak ada")
    if (pkg / "koreksi.csv").exists():
        raise Unsupported(f"{pkg / 'koreksi.csv'}: floor/peer tidak menerapkan koreksi")
    with (pkg / "c_hasil.csv").open(encoding="utf-8-sig") as fh:
        header = fh.readline().strip().split(",")
    if "diterima_pada" in header:
        raise Unsupported(f"{pkg / 'c_hasil.csv'}: floor/peer tidak membaca diterima_pada")
