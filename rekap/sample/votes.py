"""The ballots and the votes per pair of each form, and the check that every form adds up.

Vote shares per (contest, kecamatan) follow the 2024-11-28 Sirekap snapshot (``kecamatan_suara.csv``),
with Dirichlet noise per TPS; the valid votes of a form are split over its pairs by a multinomial
draw, so they sum exactly. Drawn from the seeded generator after the voters, in a fixed order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rekap.contract import C_HASIL_COUNTS
from rekap.domain import LEVEL
from rekap.sample.layout import Reference

INVALID_RANGE = (0.02, 0.06)
RUSAK_MAX = 3
SHARE_CONCENTRATION = 50.0  # Dirichlet concentration of per-TPS shares around the kecamatan's
SHARE_FLOOR = 0.005  # no pair gets a zero expected share at a TPS


def draw_ballots(rng: np.random.Generator, f_dpt: np.ndarray, f_pengguna: np.ndarray) -> dict[str, np.ndarray]:
    """The ballot and vote totals of each form (ss_diterima … suara_total), given its TPS's
    register total and voters."""
    nf = len(f_dpt)
    ss_diterima = f_dpt + (f_dpt + 39) // 40  # DPT + ceil(2.5 % of DPT), integer arithmetic
    ss_digunakan = f_pengguna
    ss_rusak = np.minimum(rng.integers(0, RUSAK_MAX + 1, nf), ss_diterima - ss_digunakan)
    ss_tidak = ss_diterima - ss_rusak - ss_digunakan
    suara_total = f_pengguna
    suara_tidak_sah = rng.binomial(suara_total, rng.uniform(*INVALID_RANGE, nf))
    suara_sah = suara_total - suara_tidak_sah
    return {"ss_diterima": ss_diterima, "ss_rusak": ss_rusak, "ss_tidak_digunakan": ss_tidak,
            "ss_digunakan": ss_digunakan, "suara_sah": suara_sah, "suara_tidak_sah": suara_tidak_sah,
            "suara_total": suara_total}


def draw_votes(rng: np.random.Generator, ref: Reference, contests: pd.DataFrame, f_contest: np.ndarray,
               f_kec: np.ndarray, suara_sah: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per (form, pair), sorted by form then ballot number: (form index, nomor_urut, suara)."""
    nf = len(f_contest)
    width = 10 ** LEVEL["kecamatan"].code_length
    combo_key = f_contest * width + (f_kec % width)  # kecamatan suffix unique within a contest
    ukeys, f_combo = np.unique(combo_key, return_inverse=True)
    first_form = np.zeros(len(ukeys), dtype=np.int64)
    first_form[f_combo[::-1]] = np.arange(nf)[::-1]
    combos = pd.DataFrame({"contest": f_contest[first_form], "kode_kecamatan": f_kec[first_form].astype(str)})
    kmax = int(contests["n_pairs"].max())
    share = expected_shares(ref, contests, combos, kmax)
    f_k = contests["n_pairs"].to_numpy()[f_contest]

    votes_forms, votes_nomor, votes_suara = [], [], []
    for kk in np.unique(f_k):
        idx = np.nonzero(f_k == kk)[0]
        p = np.maximum(share[f_combo[idx], :kk], SHARE_FLOOR)
        p /= p.sum(axis=1, keepdims=True)
        g = rng.gamma(p * SHARE_CONCENTRATION)
        q = g / g.sum(axis=1, keepdims=True)
        v = rng.multinomial(suara_sah[idx], q)
        votes_forms.append(np.repeat(idx, kk))
        votes_nomor.append(np.tile(np.arange(1, kk + 1, dtype=np.int16), len(idx)))
        votes_suara.append(v.ravel())
    v_form = np.concatenate(votes_forms)
    v_nomor = np.concatenate(votes_nomor)
    v_suara = np.concatenate(votes_suara)
    order = np.lexsort((v_nomor, v_form))  # forms are already in (kode_tps, jenis) order
    return v_form[order], v_nomor[order], v_suara[order]


def expected_shares(ref: Reference, contests: pd.DataFrame, combos: pd.DataFrame, kmax: int) -> np.ndarray:
    """Expected vote share per (contest, kecamatan) combo: kecamatan snapshot shares, else
    the contest's shares within the kab/kota, else contest-wide, else equal shares."""
    kab = LEVEL["kabkota"].code_length
    s = ref.suara.dropna(subset=["suara"])
    s = s.assign(kode_kabkota=s["kode_kecamatan"].str[:kab])
    by_kec = s.groupby(["jenis", "kode_kontes", "kode_kecamatan", "nomor_urut"])["suara"].sum()
    by_kab = s.groupby(["jenis", "kode_kontes", "kode_kabkota", "nomor_urut"])["suara"].sum()
    by_con = s.groupby(["jenis", "kode_kontes", "nomor_urut"])["suara"].sum()

    def as_dict(series: pd.Series) -> dict[tuple, dict[int, float]]:
        d: dict[tuple, dict[int, float]] = {}
        for key, v in series.items():
            d.setdefault(key[:-1], {})[int(key[-1])] = float(v)
        return d

    kec_d, kab_d, con_d = as_dict(by_kec), as_dict(by_kab), as_dict(by_con)
    out = np.zeros((len(combos), kmax), dtype=np.float64)
    jenis = contests["jenis"].to_numpy()
    kode = contests["kode_kontes"].to_numpy()
    npairs = contests["n_pairs"].to_numpy()
    for i, (ci, kec) in enumerate(zip(combos["contest"].to_numpy(), combos["kode_kecamatan"].to_numpy())):
        j, k, n = jenis[ci], kode[ci], int(npairs[ci])
        vec = None
        for d, key in ((kec_d, (j, k, kec)), (kab_d, (j, k, kec[:kab])), (con_d, (j, k))):
            votes = d.get(key)
            if votes:
                v = np.array([votes.get(u, 0.0) for u in range(1, n + 1)])
                if v.sum() > 0:
                    vec = v / v.sum()
                    break
        if vec is None:
            vec = np.full(n, 1.0 / n)
        out[i, :n] = vec
    return out


def self_check(f: dict, pairs: dict, v_form: np.ndarray, nf: int) -> None:
    """Cheap vectorised guard that every identity of domain.md §3 holds on every form."""
    sums = np.bincount(v_form, weights=pairs["suara"], minlength=nf).astype(np.int64)
    ok = [
        sums == f["suara_sah"],
        f["suara_sah"] + f["suara_tidak_sah"] == f["suara_total"],
        f["suara_total"] == f["pengguna_jumlah"],
        f["pengguna_jumlah"] == f["ss_digunakan"],
        f["pengguna_jumlah"] == f["pengguna_dpt_l"] + f["pengguna_dpt_p"] + f["pengguna_dpph_l"]
        + f["pengguna_dpph_p"] + f["pengguna_dptb_l"] + f["pengguna_dptb_p"],
        f["pemilih_jumlah"] == f["dpt_l"] + f["dpt_p"] + f["dpph_l"] + f["dpph_p"] + f["dptb_l"] + f["dptb_p"],
        f["ss_diterima"] == f["ss_rusak"] + f["ss_tidak_digunakan"] + f["ss_digunakan"],
    ]
    for cat in ("dpt", "dpph", "dptb"):
        for sex in ("l", "p"):
            ok.append(f[f"pengguna_{cat}_{sex}"] <= f[f"{cat}_{sex}"])
    for sex in ("l", "p"):
        ok.append(f[f"pengguna_disabilitas_{sex}"] <= f[f"disabilitas_{sex}"])
    for c in C_HASIL_COUNTS:
        ok.append(f[c] >= 0)
    ok.append(pairs["suara"] >= 0)
    for i, cond in enumerate(ok):
        if not np.all(cond):
            raise RuntimeError(f"sample generator broke identity #{i}")
