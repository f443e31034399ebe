"""JSON values checked one by one, each failure an InputError naming the file and the JSON position.

A count is an int (never a bool), 0 ≤ n < 10**18 (the contract's 18 digits); a timestamp is the
contract's 'YYYY-MM-DD HH:MM:SS' on the calendar; a key appears once per object.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from rekap.contract import TIMESTAMP
from rekap.errors import InputError

_MAX_COUNT = 10**18  # the contract's 18 digits


def parse_json(raw: bytes, rel: str):
    try:
        return json.loads(raw, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as err:
        raise InputError(rel, err.lineno, str(err.colno), f"JSON tidak sah ({err.msg})") from None
    except UnicodeDecodeError as err:
        raise InputError(rel, None, None, f"bukan UTF-8 (bait ke-{err.start + 1})") from None
    except _DuplicateKey as err:
        raise InputError(rel, None, err.key, "kunci muncul lebih dari sekali dalam satu objek") from None


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        self.key = key


def _no_duplicates(pairs: list) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):  # json.loads would keep the last value silently
        raise _DuplicateKey(next(k for i, (k, _) in enumerate(pairs) if any(k == p for p, _ in pairs[:i])))
    return out


def json_object(value, rel: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(rel, None, where, f"harus objek JSON {{...}}, bukan {show_json(value)}")
    return value


def json_count(value, rel: str, where: str) -> int:
    if type(value) is not int:  # bool is an int in Python; true is no count
        raise InputError(rel, None, where, f"harus bilangan bulat ≥ 0, bukan {show_json(value)}")
    if value < 0:
        raise InputError(rel, None, where, f"bilangan negatif {value}; harus bilangan bulat ≥ 0")
    if value >= _MAX_COUNT:
        raise InputError(rel, None, where, f"bilangan {value} terlalu besar (lebih dari 18 digit)")
    return value


def json_timestamp(value, rel: str) -> str:
    """`ts` verbatim as diterima_pada (the portal's clock, no zone: none is added); '' when absent."""
    if value is None:
        return ""
    if not isinstance(value, str) or not re.fullmatch(TIMESTAMP, value):
        raise InputError(rel, None, "ts", f"harus waktu 'YYYY-MM-DD HH:MM:SS', bukan {show_json(value)}")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InputError(rel, None, "ts", f"waktu {value} tidak ada di kalender") from None
    return value


def show_json(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
