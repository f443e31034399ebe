"""Sirekap-shaped per-TPS JSON in: a folder of the portal's forms converted into a contract package.

The folder (docs/sirekap.md, "Masukan per-TPS"):

    paslon/pkwkp.json, paslon/pkwkk.json      the candidate master, as the portal serves it
    pkwkp/**/<kode_tps>.json, pkwkk/**/...    one form per TPS and contest (flat, or the portal's
                                              tree <prov>/<kabkota>/<kecamatan>/<desa>/)
    tps.csv                                   the master list (contract format: Sirekap has no DPT list)
    wilayah.csv, koreksi.csv                  optional, contract format

`convert_folder` reads every file once, in a fixed order, and writes each form's rows as it reads
them (bounded memory at 850k files) into paslon.csv, c_hasil.csv and suara_paslon.csv of a scratch
package; the contract files are copied byte for byte. The normal ingest then reads that package,
so every gate applies unchanged. A contract count the portal does not publish is filled by the
rule in FILL_RULES, counted, and reported (warnings, manifest): never filled silently.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

from rekap.contract import C_HASIL_COUNTS, TEXT, TIMESTAMP
from rekap.errors import InputError

JENIS = ("pkwkk", "pkwkp")
COPIED_FILES = ("tps.csv", "wilayah.csv", "koreksi.csv")  # contract files, read as they are

# contract column -> key of `tungsura.administrasi` (the C.Hasil-KWK row, in the portal's naming)
SOURCE_KEYS: dict[str, str] = {
    "dpt_l": "pemilih_dpt_l", "dpt_p": "pemilih_dpt_p",
    "dpph_l": "pemilih_dpph_l", "dpph_p": "pemilih_dpph_p",
    "dptb_l": "pemilih_dptb_l", "dptb_p": "pemilih_dptb_p",
    "pemilih_jumlah": "pemilih_total_j",
    "pengguna_dpt_l": "pengguna_dpt_l", "pengguna_dpt_p": "pengguna_dpt_p",
    "pengguna_dpph_l": "pengguna_dpph_l", "pengguna_dpph_p": "pengguna_dpph_p",
    "pengguna_dptb_l": "pengguna_dptb_l", "pengguna_dptb_p": "pengguna_dptb_p",
    "pengguna_jumlah": "pengguna_total_j",
    "disabilitas_l": "pemilih_disabilitas_l", "disabilitas_p": "pemilih_disabilitas_p",
    "pengguna_disabilitas_l": "pengguna_disabilitas_l", "pengguna_disabilitas_p": "pengguna_disabilitas_p",
    "ss_diterima": "surat_diterima", "ss_rusak": "surat_dikembalikan",
    "ss_tidak_digunakan": "surat_tidak_digunakan", "ss_digunakan": "surat_digunakan",
    "suara_sah": "suara_sah", "suara_tidak_sah": "suara_tidak_sah", "suara_total": "suara_total",
}
# what the public portal's per-TPS form is known to carry: a form without one of them is unusable
REQUIRED_KEYS = ("suara_sah", "suara_tidak_sah", "suara_total", "pemilih_dpt_j", "pemilih_dpt_l",
                 "pemilih_dpt_p", "pengguna_dpt_j", "pengguna_dpt_l", "pengguna_dpt_p")
# written totals per category: they make up a grand total the form leaves out
_CATEGORY_TOTALS = {"pemilih_jumlah": ("pemilih_dpt_j", "pemilih_dpph_j", "pemilih_dptb_j"),
                    "pengguna_jumlah": ("pengguna_dpt_j", "pengguna_dpph_j", "pengguna_dptb_j")}
KNOWN_KEYS = frozenset(SOURCE_KEYS.values()) | frozenset(REQUIRED_KEYS) | frozenset(
    k for keys in _CATEGORY_TOTALS.values() for k in keys) | {"pemilih_disabilitas_j", "pengguna_disabilitas_j"}
_TOP_KEYS = frozenset({"tungsura", "ts", "psu", "status_suara", "status_adm", "images", "mode"})

_ZERO = "0 (tidak tersedia di sumber; bukan angka dari formulir)"
# contract column -> how it is filled when the form does not carry it (applied in this order)
FILL_RULES: dict[str, str] = {
    **{c: _ZERO for c in ("dpph_l", "dpph_p", "dptb_l", "dptb_p", "pengguna_dpph_l", "pengguna_dpph_p",
                          "pengguna_dptb_l", "pengguna_dptb_p", "disabilitas_l", "disabilitas_p",
                          "pengguna_disabilitas_l", "pengguna_disabilitas_p", "ss_rusak", "ss_tidak_digunakan")},
    "pemilih_jumlah": "jumlah tertulis per kategori (pemilih_dpt_j + pemilih_dpph_j + pemilih_dptb_j yang ada)",
    "pengguna_jumlah": "jumlah tertulis per kategori (pengguna_dpt_j + pengguna_dpph_j + pengguna_dptb_j yang ada)",
    "ss_digunakan": "pengguna_jumlah (identitas: surat suara digunakan = pengguna hak pilih)",
    "ss_diterima": "ss_rusak + ss_tidak_digunakan + ss_digunakan (identitas surat suara)",
}

_KODE_TPS = re.compile(r"[0-9]{13}")
_KODE_AGREGAT = re.compile(r"0|[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10}")  # a mirror's aggregate files
_MAX_COUNT = 10**18  # the contract's 18 digits
_FORM_COLUMNS = ("kode_tps", "jenis", *C_HASIL_COUNTS, "diterima_pada")


@dataclass
class Conversion:
    """What the conversion read, and every way the package it wrote differs from the source."""

    files: int = 0
    forms: int = 0
    pair_rows: int = 0
    not_entered: int = 0  # TPS files whose chart or administrasi is still null
    aggregates_skipped: int = 0
    other_files_skipped: int = 0
    filled: Counter = field(default_factory=Counter)  # contract column -> forms where it was filled
    status_false: Counter = field(default_factory=Counter)
    unknown_keys: set = field(default_factory=set)
    source_sha256: str = ""

    def warnings(self) -> list[str]:
        out = [f"masukan Sirekap: {self.forms:,} formulir dari {self.files:,} berkas JSON; "
               f"{self.not_entered:,} berkas TPS belum terisi (chart/administrasi null) dihitung belum masuk"]
        groups: dict[tuple[str, int], list[str]] = {}
        for column in FILL_RULES:
            if self.filled[column]:
                groups.setdefault((FILL_RULES[column], self.filled[column]), []).append(column)
        for (rule, n), columns in groups.items():
            out.append(f"masukan Sirekap: {', '.join(columns)} tidak ada di {n:,} formulir; diisi {rule}")
        for key, n in sorted(self.status_false.items()):
            out.append(f"masukan Sirekap: {n:,} formulir dengan {key} false (angkanya tetap diperiksa gerbang)")
        if self.unknown_keys:
            out.append(f"masukan Sirekap: kunci tidak dikenal diabaikan: {', '.join(sorted(self.unknown_keys))}")
        if self.aggregates_skipped or self.other_files_skipped:
            out.append(f"masukan Sirekap: dilewati {self.aggregates_skipped:,} berkas agregat wilayah dan "
                       f"{self.other_files_skipped:,} berkas bukan .json")
        return out

    def as_manifest(self) -> dict:
        return {"format": "sirekap", "berkas_json": self.files, "formulir": self.forms,
                "baris_suara": self.pair_rows, "belum_terisi": self.not_entered,
                "sumber_sha256": self.source_sha256,
                "kolom_diisi": {c: {"formulir": self.filled[c], "aturan": FILL_RULES[c]}
                                for c in FILL_RULES if self.filled[c]},
                "status_false": dict(sorted(self.status_false.items()))}


def convert_folder(source: Path, target: Path) -> Conversion:
    """Write the contract package of the Sirekap folder `source` into `target`; InputError on bad input."""
    if not source.is_dir():
        raise InputError(str(source), None, None, "folder masukan Sirekap tidak ada")
    target.mkdir(parents=True, exist_ok=True)
    conv, digest = Conversion(), hashlib.sha256()
    present = [j for j in JENIS if (source / j).is_dir()]
    if not present:
        raise InputError(f"{source}/pkwkp/", None, None, "tidak ada folder formulir pkwkp/ atau pkwkk/")
    ids = _write_paslon(source, target, present, digest)
    for name in COPIED_FILES:
        if (source / name).is_file():
            digest.update(_file_digest(name, (source / name).read_bytes()))
            shutil.copyfile(source / name, target / name)
        elif name == "tps.csv":
            raise InputError("tps.csv", None, None, f"berkas wajib tidak ada di {source}: daftar TPS "
                             "(kode_tps, dpt_l, dpt_p) tidak ada di Sirekap, sertakan tps.csv kontrak")
    with (target / "c_hasil.csv").open("w", newline="", encoding="utf-8") as forms_out, \
            (target / "suara_paslon.csv").open("w", newline="", encoding="utf-8") as votes_out:
        forms, votes = csv.writer(forms_out, lineterminator="\n"), csv.writer(votes_out, lineterminator="\n")
        forms.writerow(_FORM_COLUMNS)
        votes.writerow(("kode_tps", "jenis", "nomor_urut", "suara"))
        for jenis in present:
            for path in _walk(source / jenis):
                rel = path.relative_to(source).as_posix()
                kode = _classify(path, source / jenis, rel, conv)
                if kode is None:
                    continue
                raw = path.read_bytes()
                conv.files += 1
                digest.update(_file_digest(rel, raw))
                _convert_form(_parse(raw, rel), rel, kode, jenis, ids[jenis], forms, votes, conv)
    conv.source_sha256 = digest.hexdigest()
    return conv


def _write_paslon(source: Path, target: Path, present: list[str], digest) -> dict[str, dict[str, tuple[str, int]]]:
    """paslon.csv from paslon/<jenis>.json; returns jenis -> paslon id -> (kode_kontes, nomor_urut)."""
    ids: dict[str, dict[str, tuple[str, int]]] = {}
    rows = []
    for jenis in JENIS:
        rel = f"paslon/{jenis}.json"
        if not (source / rel).is_file():
            if jenis in present:
                raise InputError(rel, None, None, f"berkas wajib tidak ada: ada folder {jenis}/ tanpa daftar paslonnya")
            continue
        raw = (source / rel).read_bytes()
        digest.update(_file_digest(rel, raw))
        master = _object(_parse(raw, rel), rel, "$")
        ids[jenis] = {}
        width = 2 if jenis == "pkwkp" else 4
        for kode, pairs in master.items():
            if not re.fullmatch(f"[0-9]{{{width}}}", kode):
                raise InputError(rel, None, kode, f"kode kontes {jenis} harus {width} digit")
            seen: set[int] = set()
            for pid, entry in _object(pairs, rel, kode).items():
                where = f"{kode}.{pid}"
                entry = _object(entry, rel, where)
                nomor, nama = entry.get("nomor_urut"), entry.get("nama")
                if type(nomor) is not int or not 1 <= nomor <= 999:
                    raise InputError(rel, None, f"{where}.nomor_urut",
                                     f"harus bilangan bulat 1–999, bukan {_show(nomor)}")
                if not isinstance(nama, str) or not re.fullmatch(TEXT, nama):
                    raise InputError(rel, None, f"{where}.nama",
                                     f"harus teks tanpa karakter kendali, bukan {_show(nama)}")
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


def _convert_form(doc, rel: str, kode: str, jenis: str, ids: dict, forms, votes, conv: Conversion) -> None:
    doc = _object(doc, rel, "$")
    conv.unknown_keys.update(f"$.{k}" for k in doc if k not in _TOP_KEYS)
    for key in ("status_suara", "status_adm"):
        value = doc.get(key)
        if value is not None and type(value) is not bool:
            raise InputError(rel, None, key, f"harus true/false, bukan {_show(value)}")
        if value is False:
            conv.status_false[key] += 1
    if doc.get("psu") is not None and not isinstance(doc["psu"], str):
        raise InputError(rel, None, "psu", f"harus null atau teks, bukan {_show(doc['psu'])}")
    if "tungsura" not in doc:
        raise InputError(rel, None, "tungsura", "kunci wajib tidak ada")
    ts = _timestamp(doc.get("ts"), rel)
    tungsura = doc["tungsura"]
    for key in ("chart", "administrasi") if tungsura is not None else ():
        if key not in _object(tungsura, rel, "tungsura"):
            raise InputError(rel, None, f"tungsura.{key}", "kunci wajib tidak ada")
    if tungsura is None or tungsura["chart"] is None or tungsura["administrasi"] is None:
        conv.not_entered += 1  # the TPS has not been entered yet: no form, the gate says so
        return
    chart = _object(tungsura["chart"], rel, "tungsura.chart")
    adm = _object(tungsura["administrasi"], rel, "tungsura.administrasi")
    for key in REQUIRED_KEYS:
        if key not in adm:
            raise InputError(rel, None, f"tungsura.administrasi.{key}", "kunci wajib tidak ada")
    for key, value in adm.items():
        if key in KNOWN_KEYS:
            _count(value, rel, f"tungsura.administrasi.{key}")
        else:
            conv.unknown_keys.add(f"tungsura.administrasi.{key}")
    row = {c: adm.get(k) for c, k in SOURCE_KEYS.items()}
    _fill(row, adm, conv)
    kontes = kode[:2] if jenis == "pkwkp" else kode[:4]
    pairs = []
    for pid, value in chart.items():
        if pid == "progres":  # the aggregates' progress block, not a candidate
            continue
        where = f"tungsura.chart.{pid}"
        if pid not in ids:
            raise InputError(rel, None, where, f"id paslon {pid} tidak ada di paslon/{jenis}.json")
        if ids[pid][0] != kontes:
            raise InputError(rel, None, where,
                             f"id paslon {pid} milik kontes {ids[pid][0]}, bukan kontes TPS ini ({kontes})")
        pairs.append((ids[pid][1], _count(value, rel, where)))
    forms.writerow((kode, jenis, *(row[c] for c in C_HASIL_COUNTS), ts))
    votes.writerows((kode, jenis, nomor, suara) for nomor, suara in sorted(pairs))
    conv.forms += 1
    conv.pair_rows += len(pairs)


def _fill(row: dict, adm: dict, conv: Conversion) -> None:
    """Fill, in FILL_RULES order, every count the form does not carry (see docs/sirekap.md)."""
    for column in FILL_RULES:
        if row[column] is not None:
            continue
        conv.filled[column] += 1
        if column in _CATEGORY_TOTALS:
            row[column] = sum(adm.get(k) or 0 for k in _CATEGORY_TOTALS[column])
        elif column == "ss_digunakan":
            row[column] = row["pengguna_jumlah"]
        elif column == "ss_diterima":
            row[column] = row["ss_rusak"] + row["ss_tidak_digunakan"] + row["ss_digunakan"]
        else:
            row[column] = 0


def _walk(folder: Path) -> Iterator[Path]:
    """Every file under `folder`, depth first, each directory sorted by name: a fixed order
    without listing the whole tree at once."""
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        else:
            yield Path(entry.path)


def _classify(path: Path, base: Path, rel: str, conv: Conversion) -> str | None:
    """The TPS code of a form file, or None for a file that is not a form (counted as skipped)."""
    if path.suffix != ".json":
        conv.other_files_skipped += 1
        return None
    if _KODE_AGREGAT.fullmatch(path.stem):
        conv.aggregates_skipped += 1
        return None
    if not _KODE_TPS.fullmatch(path.stem):
        raise InputError(rel, None, None, "nama berkas harus kode TPS 13 digit, mis. 6471011001001.json")
    for part in path.relative_to(base).parent.parts:
        if not path.stem.startswith(part):
            raise InputError(rel, None, None, f"TPS {path.stem} ada di folder {part}, yang bukan wilayahnya")
    return path.stem


def _parse(raw: bytes, rel: str):
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


def _object(value, rel: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(rel, None, where, f"harus objek JSON {{...}}, bukan {_show(value)}")
    return value


def _count(value, rel: str, where: str) -> int:
    if type(value) is not int:  # bool is an int in Python; true is no count
        raise InputError(rel, None, where, f"harus bilangan bulat ≥ 0, bukan {_show(value)}")
    if value < 0:
        raise InputError(rel, None, where, f"bilangan negatif {value}; harus bilangan bulat ≥ 0")
    if value >= _MAX_COUNT:
        raise InputError(rel, None, where, f"bilangan {value} terlalu besar (lebih dari 18 digit)")
    return value


def _timestamp(value, rel: str) -> str:
    """`ts` verbatim as diterima_pada (the portal's clock, no zone: none is added); '' when absent."""
    if value is None:
        return ""
    if not isinstance(value, str) or not re.fullmatch(TIMESTAMP, value):
        raise InputError(rel, None, "ts", f"harus waktu 'YYYY-MM-DD HH:MM:SS', bukan {_show(value)}")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InputError(rel, None, "ts", f"waktu {value} tidak ada di kalender") from None
    return value


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _file_digest(rel: str, raw: bytes) -> bytes:
    return f"{rel}\0{hashlib.sha256(raw).hexdigest()}\n".encode()
