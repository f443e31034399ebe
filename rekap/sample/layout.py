"""Where a sample's forms are: the TPS in scope, the contests voted there and the forms (TPS × contest).

Everything here is real structure (``rekap/reference/``) and independent of the seed: Kemendagri
codes, the candidate pairs of each contest and the TPS count of each kecamatan, spread over its
desa. Codes are held as int64 so that a parent code is an integer division (``parent_divisor``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rekap.domain import CONTEST_TYPES, JENIS, LEVEL
from rekap.reference import reference_dir

SCOPES: dict[str, str] = {"balikpapan": "6471", "kaltim": "64", "nasional": ""}
"""scope name -> region code prefix of the kecamatan (TPS) in scope."""

# The sample's arrays hold a contest type as its index here: sorted, so index order is string order
# (pkwkk < pkwkp), the order of the package's rows.
JENIS_ORDER: tuple[str, ...] = tuple(sorted(JENIS))
MAX_TPS_PER_DESA = 999  # TPS numbers are the last three digits of a TPS code


def parent_divisor(level: str, parent: str) -> int:
    """An int `level` code // this = its `parent` code (a code's parent is its prefix)."""
    return 10 ** (LEVEL[level].code_length - LEVEL[parent].code_length)


def region_divisor(jenis: str) -> int:
    """An int kecamatan code // this = the code of the region a contest of `jenis` elects for."""
    return 10 ** (LEVEL["kecamatan"].code_length - CONTEST_TYPES[jenis].code_length)


@dataclass(frozen=True)
class Reference:
    desa: np.ndarray  # int64 desa codes, sorted
    kec_tps: pd.DataFrame  # kode_kecamatan (str), tps_total (int)
    kontes: pd.DataFrame  # jenis, kode_kontes, nama_wilayah
    paslon: pd.DataFrame  # contract columns, kode_kontes as str
    suara: pd.DataFrame  # jenis, kode_kontes, kode_kecamatan, nomor_urut, suara (float, NaN)


def load_reference() -> Reference:
    ref = reference_dir()
    wil = pd.read_csv(ref / "wilayah.csv", dtype=str, keep_default_na=False)
    is_desa = wil["kode"].str.len() == LEVEL["desa"].code_length
    desa = np.sort(wil.loc[is_desa, "kode"].astype(np.int64).to_numpy())
    kec_tps = pd.read_csv(ref / "kecamatan_tps.csv", dtype={"kode_kecamatan": str, "tps_total": np.int64})
    kontes = pd.read_csv(ref / "kontes.csv", dtype=str, keep_default_na=False)
    paslon = pd.read_csv(ref / "paslon.csv", dtype={"jenis": str, "kode_kontes": str, "nomor_urut": np.int64,
                                                   "nama": str, "kolom_kosong": str},
                         keep_default_na=False)
    suara = pd.read_csv(ref / "kecamatan_suara.csv",
                        dtype={"jenis": str, "kode_kontes": str, "kode_kecamatan": str,
                               "nomor_urut": np.int64, "suara": "float64"})
    return Reference(desa, kec_tps, kontes, paslon, suara)


def tps_layout(ref: Reference, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    """TPS codes (int64, sorted) and their kecamatan code (int64) for the kecamatan in scope.

    A kecamatan's TPS are spread evenly over its desa in code order: each desa gets
    T // D, the first T % D desa one more (so with fewer TPS than desa, the first T desa get
    one each). TPS numbers run 001.. within a desa. Independent of the seed.
    """
    kt = ref.kec_tps[ref.kec_tps["kode_kecamatan"].str.startswith(prefix)]
    kec = kt["kode_kecamatan"].astype(np.int64).to_numpy()
    tps = kt["tps_total"].to_numpy()
    order = np.argsort(kec)
    kec, tps = kec[order], tps[order]
    if len(kec) == 0:
        raise RuntimeError(f"no kecamatan in scope {prefix!r}")

    to_kec = parent_divisor("desa", "kecamatan")
    desa = ref.desa[np.isin(ref.desa // to_kec, kec)]
    desa_kec = desa // to_kec
    kpos = np.searchsorted(kec, desa_kec)
    n_desa = np.bincount(kpos, minlength=len(kec))
    if (n_desa == 0).any():
        raise RuntimeError(f"kecamatan without desa: {kec[n_desa == 0][:10].tolist()}")
    first = np.concatenate(([0], np.cumsum(n_desa)[:-1]))
    rank = np.arange(len(desa)) - first[kpos]
    t, d = tps[kpos], n_desa[kpos]
    per_desa = t // d + (rank < t % d)
    if per_desa.max(initial=0) > MAX_TPS_PER_DESA:
        raise RuntimeError("a desa would need more than 999 TPS")
    keep = per_desa > 0
    desa, per_desa = desa[keep], per_desa[keep]
    tps_desa = np.repeat(desa, per_desa)
    start = np.repeat(np.cumsum(per_desa) - per_desa, per_desa)
    number = np.arange(len(tps_desa)) - start + 1
    kode_tps = tps_desa * parent_divisor("tps", "desa") + number
    if len(kode_tps) != int(tps.sum()):
        raise RuntimeError("TPS layout does not add up")
    return kode_tps, tps_desa // to_kec


def contests_in_scope(ref: Reference, tps_kec: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The contests voted at the TPS in scope (jenis, kode_kontes, n_pairs; sorted) and their pairs."""
    k = ref.kontes
    in_scope = pd.Series(False, index=k.index)
    for jenis in CONTEST_TYPES:
        regions = {str(c) for c in np.unique(tps_kec // region_divisor(jenis))}
        in_scope |= (k["jenis"] == jenis) & k["kode_kontes"].isin(regions)
    contests = k.loc[in_scope, ["jenis", "kode_kontes"]].sort_values(["jenis", "kode_kontes"])
    contests = contests.reset_index(drop=True)
    paslon = ref.paslon.merge(contests, on=["jenis", "kode_kontes"]).sort_values(
        ["jenis", "kode_kontes", "nomor_urut"]).reset_index(drop=True)
    npairs = paslon.groupby(["jenis", "kode_kontes"]).size()
    contests["n_pairs"] = [int(npairs.get((j, c), 0)) for j, c in zip(contests["jenis"], contests["kode_kontes"])]
    if (contests["n_pairs"] < 2).any():
        raise RuntimeError("a contest has fewer than two ballot columns")
    return contests, paslon


def form_layout(kode_tps: np.ndarray, tps_kec: np.ndarray,
                contests: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The forms (TPS, contest), sorted by (kode_tps, jenis): for each, the TPS's index, the index of
    its jenis in JENIS_ORDER and the contest's row in `contests`."""
    contest_index = {(j, c): i for i, (j, c) in enumerate(zip(contests["jenis"], contests["kode_kontes"]))}
    f_tps, f_jenis, f_contest = [], [], []
    for ji, jenis in enumerate(JENIS_ORDER):
        region = (tps_kec // region_divisor(jenis)).astype(str)
        # per-region lookup (few hundred regions), then vectorised over TPS
        uniq, inv = np.unique(region, return_inverse=True)
        cid = np.array([contest_index.get((jenis, u), -1) for u in uniq], dtype=np.int64)[inv]
        has = cid >= 0
        f_tps.append(np.nonzero(has)[0])
        f_jenis.append(np.full(int(has.sum()), ji, dtype=np.int8))
        f_contest.append(cid[has])
    f_tps = np.concatenate(f_tps)
    f_jenis = np.concatenate(f_jenis)
    f_contest = np.concatenate(f_contest)
    order = np.lexsort((f_jenis, kode_tps[f_tps]))
    return f_tps[order], f_jenis[order], f_contest[order]
