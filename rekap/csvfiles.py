"""Reading the edges of an input CSV in Python: its header, and where a record sits in the file.

DuckDB reads the bulk; Python only reads the header line and, on the error path, locates the
physical line and column of a bad record so the message can name them.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from rekap.errors import InputError

_MAX_HEADER_BYTES = 1 << 20


def read_header(path: Path) -> list[str]:
    """The column names of the first line; a clear InputError when there is none to read."""
    with path.open("rb") as f:
        raw = f.readline(_MAX_HEADER_BYTES)
    if not raw.strip():
        raise InputError(path.name, 1, None, "berkas kosong: baris judul (nama kolom) tidak ada")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path.name, 1, None,
                         f"baris judul bukan UTF-8 (bait ke-{err.start + 1}); simpan ulang berkas sebagai CSV UTF-8") from None
    row = next(csv.reader(io.StringIO(text)), [])
    if len(row) == 1 and ";" in row[0]:
        raise InputError(path.name, 1, row[0].split(";")[0] or None,
                         "pemisah kolom titik koma (;), seperti CSV Excel berlokal Indonesia; "
                         "simpan ulang sebagai CSV dengan pemisah koma (,)")
    return row


def locate_record(path: Path, record: int) -> int:
    """The physical line (1-based) where data record `record` (1 = first after the header) starts.

    Counts quoted line breaks inside fields, which a plain line count would get wrong.
    """
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as f:
        reader = csv.reader(f)
        next(reader, None)
        line_before = reader.line_num
        for n, _ in enumerate(reader, start=1):
            if n == record:
                return line_before + 1
            line_before = reader.line_num
    return line_before + 1


def column_at_line(path: Path, line: int, header: list[str]) -> str | None:
    """The column of the first field on physical `line` that is not clean UTF-8 text."""
    with path.open("rb") as f:
        for n, raw in enumerate(f, start=1):
            if n == line:
                break
        else:
            return None
    text = raw.decode("utf-8", errors="replace")
    if n == 1:
        text = text.lstrip("\ufeff")
    fields = next(csv.reader(io.StringIO(text)), [])
    for i, value in enumerate(fields):
        if "\ufffd" in value or "\x00" in value:
            return header[i] if i < len(header) else f"ke-{i + 1}"
    return None


_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def explain_reader_error(path: Path, message: str, header: list[str]) -> InputError:
    """Turn DuckDB's CSV reader error into an InputError naming file, line and column."""
    m = _LINE.search(message)
    line = int(m.group(1)) if m else None
    count = _COUNT.search(message)
    if count:
        expected, found = int(count.group(1)), int(count.group(2))
        column = header[found] if found < expected else f"ke-{expected + 1}"
        return InputError(path.name, line, column,
                          f"baris berisi {found} kolom, padahal baris judul berisi {expected}")
    if "unterminated quote" in message:
        return InputError(path.name, line, None if line is None else column_at_line(path, line, header) or header[-1],
                          "tanda kutip (\") dibuka tetapi tidak ditutup")
    if "unicode" in message.lower() or "utf-8" in message.lower():
        column = column_at_line(path, line, header) if line else None
        return InputError(path.name, line, column,
                          "bukan teks UTF-8 (mungkin Windows-1252/Latin-1); simpan ulang berkas sebagai CSV UTF-8")
    first = message.strip().splitlines()[0] if message.strip() else "tidak dapat dibaca"
    return InputError(path.name, line, None, f"berkas CSV tidak dapat dibaca: {first}")
