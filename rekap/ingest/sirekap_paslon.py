"""paslon.csv of a Sirekap folder: the candidate master ``paslon/<jenis>.json`` as the contract's rows.

The portal keys each pair by its own id; the forms name pairs by that id, so the master also gives
the map id -> (kode_kontes, nomor_urut) that the forms are read with.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from rekap.contract import TEXT
from rekap.domain import CONTEST_TYPES, JENIS
from rekap.errors import InputError
from rekap.ingest.json_values import json_object, parse_json, show_json
from rekap.ingest.sirekap_conversion import file_digest


def write_paslon(source: Path, target: Path, present: list[str], digest) -> dict[str, dict[str, tuple[str, int]]]:
    """paslon.csv from paslon/<jenis>.json; returns jenis -> paslon id -> (kode_kontes, nomor_urut)."""
    ids: dict[str, dict[str, tuple[str, int]]] = {}
    rows = []
    for jenis in sorted(JENIS):
        rel = f"paslon/{jenis}.json"
        if not (source / rel).is_file():
            if jenis in present:
                raise InputError(rel, None, None, f"berkas wajib tidak ada: ada folder {jenis}/ tanpa daftar paslonnya")
            continue
        raw = (source / rel).read_bytes()
        digest.update(file_digest(rel, raw))
        master = json_object(parse_json(raw, rel), rel, "$")
        ids[jenis] = {}
        width = CONTEST_TYPES[jenis].code_length
        for kode, pairs in master.items():
            if not re.fullmatch(f"[0-9]{{{width}}}", kode):
                raise InputError(rel, None, kode, f"kode kontes {jenis} harus {width} digit")
            seen: set[int] = set()
            for pid, entry in json_object(pairs, rel, kode).items():
                where = f"{kode}.{pid}"
                entry = json_object(entry, rel, where)
                nomor, nama = entry.get("nomor_urut"), entry.get("nama")
                if type(nomor) is not int or not 1 <= nomor <= 999:
                    raise InputError(rel, None, f"{where}.nomor_urut",
                                     f"harus bilangan bulat 1–999, bukan {show_json(nomor)}")
                if not isinstance(nama, str) or not re.fullmatch(TEXT, nama):
                    raise InputError(rel, None, f"{where}.nama",
                                     f"harus teks tanpa karakter kendali, bukan {show_json(nama)}")
                if nomor in seen:
                    raise InputError(rel, None, f"{where}.nomor_urut",
                                     f"nomor urut {nomor} sudah ada untuk kontes {kode}")
                if pid in ids[jenis]:
                    raise InputError(rel, None, where, f"id paslon {pid} sudah dipakai kontes {ids[jenis][pid][0]}")
                seen.add(nomor)
                ids[jenis][pid] = (kode, nomor)
                kosong = nama.strip().upper().startswith("KOLOM KOSONG")
                # the portal writes the empty column as "KOLOM KOSONG - " (no running mate)
                shown = nama.strip().removesuffix("-").strip() if kosong else nama.strip()
                rows.append((jenis, kode, nomor, shown, "true" if kosong else "false"))
    with (target / "paslon.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(("jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong"))
        out.writerows(sorted(rows))
    return ids
