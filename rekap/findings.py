"""Findings: the rows of pengecualian.csv, each explained in plain Indonesian with its numbers.

A rule's explanation is a template in its expectation's meta (`keterangan`), filled from the row
of the check table that broke it: "Jumlah suara paslon {jumlah_suara_paslon} tidak sama dengan
suara sah {suara_sah}" → "Jumlah suara paslon 136.188 tidak sama dengan suara sah 480".
"""

from __future__ import annotations

import math
import string
from typing import Any, Mapping

# GX severity → the contract's keparahan. Anything not marked is critical: gates block by default.
KEPARAHAN = {"critical": "error", "warning": "warn", "info": "warn"}


def angka(value: Any) -> str:
    """Indonesian number formatting: 177290 → '177.290', 59.27 → '59,27'."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return f"{int(value):,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return str(value)


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "bp":  # basis points → percent with 2 decimals
            return f"{int(value) / 100:.2f}".replace(".", ",")
        if format_spec:
            return super().format_field(value, format_spec)
        return angka(value)


_FORMATTER = _Formatter()


def explain(template: str, row: Mapping[str, Any]) -> str:
    return _FORMATTER.vformat(template, (), row)
