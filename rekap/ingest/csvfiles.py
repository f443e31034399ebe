"""Reading the edges of an input CSV in Python: its header, and where a record sits in the file.

DuckDB reads the bulk; Python only reads the header line and, on the error path, locates the
physical line and column of a bad record so the message can name them.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from pathlib import Path

from rekap.errors import InputError

_MAX_HEADER_BYTES = 1 << 20

# Python's csv module refuses fields over 128 KiB, while DuckDB reads lines up to 2 MB: without
# this, locating a huge bad cell would end the run as an internal failure instead of naming it.
csv.field_size_limit(max(csv.field_size_limit(), (1 << 31) - 1))


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
    refuse_overlong_line(path, row)
    return row


_MAX_LINE_BYTES = 2_000_000  # DuckDB's reader refuses longer lines (its max_line_size)
_SCAN_CHUNK = 8 << 20


def refuse_overlong_line(path: Path, header: list[str]) -> None:
    """Raise on a line of several MB that crosses an 8 MB block: DuckDB 2.0's reader drops a last
    line longer than its buffer (~30 MB) without a word, and fails on other huge lines without
    naming them. Lines inside one block are left to the reader, which refuses them (over 2 MB).
    One pass over the file at C speed (count/find on bytes), memory bounded by the block."""
    lines_before, line_start, offset = 0, 0, 0
    with path.open("rb") as f:
        while chunk := f.read(_SCAN_CHUNK):
            first = chunk.find(b"\n")
            end = len(chunk) if first == -1 else first
            if offset + end - line_start > _MAX_LINE_BYTES:
                break
            if first != -1:
                lines_before += chunk.count(b"\n")
                line_start = offset + chunk.rfind(b"\n") + 1
            offset += len(chunk)
        else:
            if offset - line_start <= _MAX_LINE_BYTES:
                return
        f.seek(line_start)  # the error path only: which field the line is in at its 2 MB mark
        fields = f.read(_MAX_LINE_BYTES).count(b",")
    column = header[fields] if fields < len(header) else f"ke-{fields + 1}"
    raise InputError(path.name, lines_before + 1, column, "baris terlalu panjang (lebih dari 2.000.000 bait)")


def locate_record(path: Path, record: int, *, count_blank_lines: bool = False) -> int:
    """The physical line (1-based) where data record `record` (1 = first after the header) starts.

    Counts quoted line breaks inside fields, which a plain line count would get wrong. Blank lines
    are skipped as DuckDB's reader skips them (so `record` is a staging table's `_rec`), unless
    `count_blank_lines` (DuckDB's "CSV Error on Line" counts them).
    """
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as f:
        reader = csv.reader(f)
        next(reader, None)
        line_before = reader.line_num
        n = 0
        for row in reader:
            if row or count_blank_lines:
                n += 1
                if n == record:
                    return line_before + 1
            line_before = reader.line_num
    return line_before + 1


def _record_from(path: Path, line: int) -> list[str]:
    """The fields of the record that starts on physical `line`, decoded leniently (U+FFFD)."""
    with path.open("rb") as f:
        rest = (raw.decode("utf-8", errors="replace") for raw in itertools.islice(f, line - 1, None))
        fields = next(csv.reader(rest), [])
    if line == 1 and fields:
        fields[0] = fields[0].lstrip("\ufeff")
    return fields


def column_at_line(path: Path, line: int, header: list[str]) -> str | None:
    """The column of the first field of the record on physical `line` that is not clean UTF-8 text."""
    for i, value in enumerate(_record_from(path, line)):
        if "\ufffd" in value or "\x00" in value:
            return header[i] if i < len(header) else f"ke-{i + 1}"
    return None


def bad_quote_column(path: Path, line: int, header: list[str]) -> str | None:
    """The column of the record on physical `line` whose quote is never closed, or is closed and
    then followed by more text (`"ab"c`); None when every quote of the record is well-formed."""
    field, at_start, quoted, closing = 0, True, False, False
    with path.open("rb") as f:
        for raw in itertools.islice(f, line - 1, None):
            for ch in raw.decode("utf-8", errors="replace").lstrip("\ufeff"):
                if quoted:
                    if not closing:
                        closing = ch == '"'
                        continue
                    closing = False
                    if ch == '"':  # a doubled quote stands for one quote character
                        continue
                    quoted = False
                    if ch not in ',\r\n':
                        return header[field] if field < len(header) else f"ke-{field + 1}"
                if ch == ",":
                    field, at_start = field + 1, True
                elif ch in "\r\n":
                    return None
                else:
                    quoted, at_start = at_start and ch == '"', False
    if quoted and not closing:
        return header[field] if field < len(header) else f"ke-{field + 1}"
    return None


def odd_line_end(path: Path, header: list[str]) -> tuple[int, str | None] | None:
    """(line, column) of the first line whose end differs from the first line's (LF vs CRLF) or
    that holds a CR not followed by LF, which DuckDB's reader rejects without naming the line."""
    first: bytes | None = None
    with path.open("rb") as f:
        for n, raw in enumerate(f, start=1):
            end = b"\r\n" if raw.endswith(b"\r\n") else b"\n" if raw.endswith(b"\n") else b""
            body = raw[: len(raw) - len(end)]
            if b"\r" in body:
                i = body.count(b",", 0, body.index(b"\r"))
                return n, header[i] if i < len(header) else f"ke-{i + 1}"
            if first is None:
                first = end
            elif end and end != first:
                return n, header[-1]
    return None


_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def explain_reader_error(path: Path, message: str, header: list[str]) -> InputError:
    """Turn DuckDB's CSV reader error into an InputError naming file, line and column."""
    m = _LINE.search(message)
    line = None
    if m:
        # DuckDB numbers rows (a quoted line break does not count); the operator needs the line.
        row = int(m.group(1))
        line = row if row <= 1 else locate_record(path, row - 1, count_blank_lines=True)
    count = _COUNT.search(message)
    if count:
        expected, found = int(count.group(1)), int(count.group(2))
        column = header[found] if found < expected else f"ke-{expected + 1}"
        return InputError(path.name, line, column,
                          f"baris berisi {found} kolom, padahal baris judul berisi {expected}")
    if "unterminated quote" in message:
        return InputError(path.name, line, None if line is None else bad_quote_column(path, line, header) or header[-1],
                          "tanda kutip (\") dibuka tetapi tidak ditutup")
    if "unicode" in message.lower() or "utf-8" in message.lower():
        column = column_at_line(path, line, header) if line else None
        return InputError(path.name, line, column,
                          "bukan teks UTF-8 (mungkin Windows-1252/Latin-1); simpan ulang berkas sebagai CSV UTF-8")
    if "Maximum line size" in message:
        return InputError(path.name, line, None, "baris terlalu panjang (lebih dari 2.000.000 bait)")
    if line is None and (odd := odd_line_end(path, header)):
        return InputError(path.name, odd[0], odd[1],
                          "akhir baris berbeda dari baris pertama (campuran CRLF dan LF, atau CR saja); "
                          "simpan ulang berkas dengan satu jenis akhir baris")
    first = message.strip().splitlines()[0] if message.strip() else "tidak dapat dibaca"
    return InputError(path.name, line, None, f"berkas CSV tidak dapat dibaca: {first}")
