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
import os
import re
import shutil
from pathlib import Path
from typing import Iterator

from rekap.domain import JENIS, LEVEL, LEVELS
from rekap.errors import InputError
from rekap.ingest.json_values import parse_json
from rekap.ingest.sirekap_conversion import Conversion, file_digest
from rekap.ingest.sirekap_forms import FORM_COLUMNS, VOTE_COLUMNS, convert_form
from rekap.ingest.sirekap_paslon import write_paslon

COPIED_FILES = ("tps.csv", "wilayah.csv", "koreksi.csv")  # contract files, read as they are

_TPS_DIGITS = LEVEL["tps"].code_length
_KODE_TPS = re.compile(f"[0-9]{{{_TPS_DIGITS}}}")
# a mirror's aggregate files: 0.json (national) and one per unit of a level above TPS
_KODE_AGREGAT = re.compile("|".join(["0", *(f"[0-9]{{{lv.code_length}}}" for lv in LEVELS if lv.child)]))


def convert_folder(source: Path, target: Path) -> Conversion:
    """Write the contract package of the Sirekap folder `source` into `target`; InputError on bad input."""
    if not source.is_dir():
        raise InputError(str(source), None, None, "folder masukan Sirekap tidak ada")
    target.mkdir(parents=True, exist_ok=True)
    conv, digest = Conversion(), hashlib.sha256()
    present = [j for j in sorted(JENIS) if (source / j).is_dir()]
    if not present:
        raise InputError(f"{source}/pkwkp/", None, None, "tidak ada folder formulir pkwkp/ atau pkwkk/")
    ids = write_paslon(source, target, present, digest)
    for name in COPIED_FILES:
        if (source / name).is_file():
            digest.update(file_digest(name, (source / name).read_bytes()))
            shutil.copyfile(source / name, target / name)
        elif name == "tps.csv":
            raise InputError("tps.csv", None, None, f"berkas wajib tidak ada di {source}: daftar TPS "
                             "(kode_tps, dpt_l, dpt_p) tidak ada di Sirekap, sertakan tps.csv kontrak")
    with (target / "c_hasil.csv").open("w", newline="", encoding="utf-8") as forms_out, \
            (target / "suara_paslon.csv").open("w", newline="", encoding="utf-8") as votes_out:
        forms, votes = csv.writer(forms_out, lineterminator="\n"), csv.writer(votes_out, lineterminator="\n")
        forms.writerow(FORM_COLUMNS)
        votes.writerow(VOTE_COLUMNS)
        for jenis in present:
            for path in _walk(source / jenis):
                rel = path.relative_to(source).as_posix()
                kode = _classify(path, source / jenis, rel, conv)
                if kode is None:
                    continue
                raw = path.read_bytes()
                conv.files += 1
                digest.update(file_digest(rel, raw))
                convert_form(parse_json(raw, rel), rel, kode, jenis, ids[jenis], forms, votes, conv)
    conv.source_sha256 = digest.hexdigest()
    return conv


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
        raise InputError(rel, None, None,
                         f"nama berkas harus kode TPS {_TPS_DIGITS} digit, mis. 6471011001001.json")
    for part in path.relative_to(base).parent.parts:
        if not path.stem.startswith(part):
            raise InputError(rel, None, None, f"TPS {path.stem} ada di folder {part}, yang bukan wilayahnya")
    return path.stem
