"""Fault injection for sample packages: plant N faults of mixed kinds at recorded TPS.

`rekap sample --faults N` writes a clean package, then breaks exactly N TPS (each a different
one, each in a desa that keeps other TPS) and lists them in `kesalahan_tertanam.csv` beside the
package files, with the rule that must hold each of them. Tests and demos use the list to show
that the gates hold exactly those TPS: no more, no fewer.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from rekap.domain import LEVEL

FAULTS_FILE = "kesalahan_tertanam.csv"
_FILES = ("tps.csv", "c_hasil.csv", "suara_paslon.csv")


@dataclass(frozen=True)
class Fault:
    kode_tps: str
    jenis: str  # the contest broken; both contests of the TPS for `tps_tidak_terdaftar`
    kesalahan: str
    aturan: str  # the error rule that must hold the TPS
    keterangan: str


@dataclass
class _Package:
    tps: pd.DataFrame
    forms: pd.DataFrame
    votes: pd.DataFrame


def _add(frame: pd.DataFrame, mask, column: str, delta: int) -> None:
    frame.loc[mask, column] = (frame.loc[mask, column].astype("int64") + delta).astype(str)


def _form(p: _Package, kode: str, jenis: str):
    return (p.forms["kode_tps"] == kode) & (p.forms["jenis"] == jenis)


def _inflate_votes(p: _Package, kode: str, jenis: str) -> str:
    # the Sirekap 2024 case: one pair read as 136,188 votes at a TPS of a few hundred voters
    mask = (p.votes["kode_tps"] == kode) & (p.votes["jenis"] == jenis) & (p.votes["nomor_urut"] == "1")
    p.votes.loc[mask, "suara"] = "136188"
    return "suara nomor urut 1 menjadi 136.188"


def _invalid_votes_off(p: _Package, kode: str, jenis: str) -> str:
    _add(p.forms, _form(p, kode, jenis), "suara_tidak_sah", 7)
    return "suara tidak sah ditambah 7 tanpa mengubah jumlah suara"


def _voters_above_register(p: _Package, kode: str, jenis: str) -> str:
    mask = _form(p, kode, jenis)
    used = int(p.forms.loc[mask, "pengguna_dpt_l"].iloc[0])
    old = int(p.forms.loc[mask, "dpt_l"].iloc[0])
    p.forms.loc[mask, "dpt_l"] = str(used - 5)
    _add(p.forms, mask, "pemilih_jumlah", used - 5 - old)
    return f"DPT laki-laki {old} diubah menjadi {used - 5}, di bawah penggunanya {used}"


def _ballots_unbalanced(p: _Package, kode: str, jenis: str) -> str:
    _add(p.forms, _form(p, kode, jenis), "ss_rusak", 4)
    return "surat suara rusak ditambah 4 tanpa mengubah surat suara diterima"


def _form_missing(p: _Package, kode: str, jenis: str) -> str:
    p.forms = p.forms[~_form(p, kode, jenis)]
    p.votes = p.votes[~((p.votes["kode_tps"] == kode) & (p.votes["jenis"] == jenis))]
    return "formulir dan suaranya dihapus"


def _tps_unlisted(p: _Package, kode: str, jenis: str) -> str:
    p.tps = p.tps[p.tps["kode_tps"] != kode]
    return "TPS dihapus dari tps.csv; formulirnya tetap dikirim"


def _unknown_pair(p: _Package, kode: str, jenis: str) -> str:
    row = pd.DataFrame([{"kode_tps": kode, "jenis": jenis, "nomor_urut": "9", "suara": "3", "_urut": np.nan}])
    last = p.votes.index[(p.votes["kode_tps"] == kode) & (p.votes["jenis"] == jenis)].max()
    row["_urut"] = p.votes.loc[last, "_urut"] + 0.5
    p.votes = pd.concat([p.votes, row], ignore_index=True)
    return "suara 3 untuk nomor urut 9 yang tidak ada"


def _duplicate_untimed(p: _Package, kode: str, jenis: str) -> str:
    mask = _form(p, kode, jenis)
    copy = p.forms[mask].copy()
    copy["_urut"] += 0.5
    copy["suara_tidak_sah"] = (copy["suara_tidak_sah"].astype("int64") + 1).astype(str)
    copy["suara_sah"] = (copy["suara_sah"].astype("int64") - 1).astype(str)
    votes = p.votes[(p.votes["kode_tps"] == kode) & (p.votes["jenis"] == jenis)].copy()
    votes["_urut"] += 0.5
    first = votes.index[0]
    votes.loc[first, "suara"] = str(int(votes.loc[first, "suara"]) - 1)
    p.forms = pd.concat([p.forms, copy], ignore_index=True)
    p.votes = pd.concat([p.votes, votes], ignore_index=True)
    return "formulir dikirim dua kali dengan angka berbeda, keduanya tanpa waktu"


# kind → (what it does, the error rule that must hold the TPS)
KINDS: dict[str, tuple[Callable[[_Package, str, str], str], str]] = {
    "suara_digelembungkan": (_inflate_votes, "suara_paslon_sama_suara_sah"),
    "suara_tidak_sah_salah": (_invalid_votes_off, "sah_tambah_tidak_sah_sama_total"),
    "pengguna_melebihi_dpt": (_voters_above_register, "pengguna_dpt_l_melebihi_terdaftar"),
    "surat_suara_tidak_seimbang": (_ballots_unbalanced, "surat_suara_seimbang"),
    "formulir_hilang": (_form_missing, "formulir_belum_masuk"),
    "tps_tidak_terdaftar": (_tps_unlisted, "tps_tidak_terdaftar"),
    "paslon_tidak_dikenal": (_unknown_pair, "paslon_tidak_dikenal"),
    "pengiriman_ganda": (_duplicate_untimed, "pengiriman_bertabrakan"),
}


def plant_faults(package: Path, n: int, seed: int) -> list[Fault]:
    """Break `n` distinct TPS of the package in place (file by file, atomically) and list them."""
    p = _Package(*(pd.read_csv(package / name, dtype=str, keep_default_na=False) for name in _FILES))
    for frame in (p.tps, p.forms, p.votes):
        frame["_urut"] = np.arange(len(frame), dtype="float64")
    desa = p.tps["kode_tps"].str[:LEVEL["desa"].code_length]
    candidates = p.tps.loc[desa.map(desa.value_counts()) >= 2, "kode_tps"].to_numpy()
    if n > len(candidates):
        raise ValueError(f"only {len(candidates)} TPS can carry a fault, {n} asked")
    rng = np.random.default_rng([seed, 0xFA017])
    chosen = rng.choice(candidates, size=n, replace=False)
    contests = p.forms.groupby("kode_tps")["jenis"].first()  # pkwkk where the TPS has one
    faults = []
    kinds = list(KINDS)
    for i, kode in enumerate(chosen):
        kind = kinds[i % len(kinds)]
        action, rule = KINDS[kind]
        jenis = contests[kode]
        faults.append(Fault(kode, jenis, kind, rule, action(p, kode, jenis)))
    _write(package / "tps.csv", p.tps)
    _write(package / "c_hasil.csv", p.forms)
    _write(package / "suara_paslon.csv", p.votes)
    faults.sort(key=lambda f: (f.kode_tps, f.jenis))
    with (package / FAULTS_FILE).open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kode_tps", "jenis", "kesalahan", "aturan", "keterangan"])
        w.writerows((x.kode_tps, x.jenis, x.kesalahan, x.aturan, x.keterangan) for x in faults)
    return faults


def _write(path: Path, frame: pd.DataFrame) -> None:
    tmp = path.with_name(path.name + ".tmp")
    frame.sort_values("_urut", kind="stable").drop(columns="_urut").to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, path)
