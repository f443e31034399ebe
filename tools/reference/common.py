"""What every step of the reference build shares: loud failure, CSV in and out, code helpers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path


def fail(msg: str) -> None:
    raise SystemExit(f"build_reference: {msg}")


def check(cond: bool, msg: str) -> None:
    if not cond:
        fail(msg)


def digits(code: str) -> str:
    return code.replace(".", "")


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> int:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return len(rows)


def norm_name(name: str) -> str:
    s = name.upper()
    s = re.sub(r"^(KABUPATEN|KAB\.?|KOTA)\s+", "", s)
    return re.sub(r"[^A-Z]", "", s)


def commit_of(source_md: Path) -> str:
    m = re.search(r"Commit read:\s*`([0-9a-f]{40})`", source_md.read_text(encoding="utf-8"))
    check(m is not None, f"no commit hash found in {source_md}")
    return m.group(1)
