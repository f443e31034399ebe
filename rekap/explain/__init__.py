"""Asal angka (provenance): which TPS forms make up one published figure (`rekap explain`, and the
portal's page …/<kode>/asal/<kolom>).

    model   what an explanation is made of, and which columns can be explained
    build   an explanation from a published release (`explain`, `explain_release`)
    text    the explanation in words (`render_text`, `correction_text`)

The command itself (arguments, exit codes) is `rekap.cli`.
"""

from __future__ import annotations

from rekap.explain.build import explain, explain_release
from rekap.explain.model import (
    ContestExplanation,
    Correction,
    ExplainError,
    Explanation,
    Finding,
    TpsLine,
    check_request,
    column_from_segment,
    column_segment,
)
from rekap.explain.text import correction_text, render_text

__all__ = ["ContestExplanation", "Correction", "ExplainError", "Explanation", "Finding", "TpsLine",
           "check_request", "column_from_segment", "column_segment", "correction_text", "explain",
           "explain_release", "render_text"]
