"""The voter section of each TPS: who is registered and who voted, by list and sex.

One section per TPS, shared by every form of the TPS (each contest's form carries the same voters).
Drawn from the seeded generator in a fixed order: the order is part of the sample's bytes.
"""

from __future__ import annotations

import numpy as np

# Generator parameters (domain.md §5: ~450-600 voters per TPS, turnout ~60-75 %).
DPT_RANGE = (450, 600)
TURNOUT_RANGE = (0.55, 0.80)
DPPH_MAX = 5
DPTB_MAX = 5
DISABLED_MAX = 8
DPPH_USE_P = 0.8


def draw_voters(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """The voter columns of the C.Hasil form (dpt_l … pengguna_disabilitas_p) for `n` TPS."""
    dpt = rng.integers(DPT_RANGE[0], DPT_RANGE[1] + 1, n)
    dpt_l = rng.binomial(dpt, 0.5)
    dpt_p = dpt - dpt_l
    dpph = rng.integers(0, DPPH_MAX + 1, n)
    dpph_l = rng.binomial(dpph, 0.5)
    dpph_p = dpph - dpph_l
    dptb = rng.integers(0, DPTB_MAX + 1, n)
    dptb_l = rng.binomial(dptb, 0.5)
    dptb_p = dptb - dptb_l
    turnout = rng.uniform(*TURNOUT_RANGE, n)
    p_dpt_l = rng.binomial(dpt_l, turnout)
    p_dpt_p = rng.binomial(dpt_p, turnout)
    p_dpph_l = rng.binomial(dpph_l, DPPH_USE_P)
    p_dpph_p = rng.binomial(dpph_p, DPPH_USE_P)
    p_dptb_l = dptb_l.copy()  # DPTb voters are listed because they came to vote
    p_dptb_p = dptb_p.copy()
    dis = rng.integers(0, DISABLED_MAX + 1, n)
    dis_l = rng.binomial(dis, 0.5)
    dis_p = dis - dis_l
    p_dis_l = rng.binomial(dis_l, turnout)
    p_dis_p = rng.binomial(dis_p, turnout)
    pemilih = dpt + dpph + dptb
    pengguna = p_dpt_l + p_dpt_p + p_dpph_l + p_dpph_p + p_dptb_l + p_dptb_p
    return {
        "dpt_l": dpt_l, "dpt_p": dpt_p, "dpph_l": dpph_l, "dpph_p": dpph_p,
        "dptb_l": dptb_l, "dptb_p": dptb_p, "pemilih_jumlah": pemilih,
        "pengguna_dpt_l": p_dpt_l, "pengguna_dpt_p": p_dpt_p,
        "pengguna_dpph_l": p_dpph_l, "pengguna_dpph_p": p_dpph_p,
        "pengguna_dptb_l": p_dptb_l, "pengguna_dptb_p": p_dptb_p,
        "pengguna_jumlah": pengguna,
        "disabilitas_l": dis_l, "disabilitas_p": dis_p,
        "pengguna_disabilitas_l": p_dis_l, "pengguna_disabilitas_p": p_dis_p,
    }
