"""How the portal writes numbers, percentages, times and sizes: the Indonesian way."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from rekap.findings import angka as _angka
from rekap.reports.fmt import persen as _persen

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
WIB = timezone(timedelta(hours=7), "WIB")


def angka(value: Any) -> str:
    """177290 → '177.290'; nothing → '—'."""
    if value is None or value == "":
        return "—"
    return _angka(value)


def persen(value: Any, digits: int = 2) -> str:
    """A share the SQL computed (persen_2d: 59.27) → '59,27 %', written exactly as the reports write
    it (`rekap.reports.fmt.persen`); nothing → '—'. The portal computes no shares of its own."""
    if value is None or value == "":
        return "—"
    return _persen(value, digits)


def rasio(part: Any, whole: Any) -> float | None:
    """part / whole in percent, or None when there is no whole."""
    if part is None or not whole:
        return None
    return 100.0 * float(part) / float(whole)


def lebar(value: float | None) -> str:
    """A CSS width for a bar: the percentage clamped to 0–100, with a dot."""
    if value is None:
        return "0%"
    return f"{min(100.0, max(0.0, float(value))):.2f}%"


def kelas_lebar(value: Any) -> str:
    """A bar width as a class of portal.css ('37.50%' or 37.5 → 'w-38'), not a style attribute.

    The portal's Content-Security-Policy allows no inline style, so widths come from 101 classes
    w-0 … w-100. A share that is not nothing shows at least 1 %, and one short of the whole at most
    99 %: a single held TPS among hundreds stays visible, an almost complete count never looks full."""
    if value is None or value == "":
        return "w-0"
    share = min(100.0, max(0.0, float(str(value).rstrip("%"))))
    width = round(share)
    if share > 0:
        width = max(width, 1)
    if share < 100:
        width = min(width, 99)
    return f"w-{width}"


def waktu(iso: Any) -> str:
    """'2026-11-29T18:55:03+00:00' → '30 November 2026, 01.55 WIB'."""
    if not iso:
        return "—"
    try:
        t = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    t = t.astimezone(WIB)
    return f"{t.day} {BULAN[t.month - 1]} {t.year}, {t.hour:02d}.{t.minute:02d} WIB"


def ukuran(size: Any) -> str:
    """A file size: '812 B', '3,3 kB', '264,1 MB'."""
    n = float(size or 0)
    if n < 1000:
        return f"{int(n)} B"
    for unit in ("kB", "MB", "GB"):
        n /= 1000
        if n < 1000:
            break
    return f"{n:.1f}".replace(".", ",") + f" {unit}"


FILTERS = {"angka": angka, "persen": persen, "lebar": lebar, "kelas_lebar": kelas_lebar, "waktu": waktu,
           "ukuran": ukuran}
