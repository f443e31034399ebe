"""Synthetic election packages built on the real 2024 Pilkada structure.

``write_sample(scope, out, seed)`` writes a contract input package (``paslon.csv``,
``tps.csv``, ``c_hasil.csv``, ``suara_paslon.csv``) into ``out``. Codes, candidate pairs and
TPS counts per kecamatan are real (``rekap/reference/``); the numbers on the forms are
synthetic but satisfy every identity of domain.md §3 on every form. Vote shares per
kecamatan follow the 2024-11-28 Sirekap snapshot, with per-TPS noise.

Scopes: ``balikpapan`` (Kota Balikpapan: the governor contest of Kaltim restricted to the
city's TPS and the mayor contest 6471; 996 TPS), ``kaltim`` (province 64: 11 contests,
6,274 TPS) and ``nasional`` (545 contests, 435,296 TPS).

Everything is vectorised with numpy (no Python loop per TPS) and the big files are written
by DuckDB, so ``nasional`` takes well under a minute. The output is deterministic: the same
seed gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from rekap.reference import reference_dir
from rekap.sqlfiles import run_sql

SCOPES: dict[str, str] = {"balikpapan": "6471", "kaltim": "64", "nasional": ""}
"""scope name -> region code prefix of the kecamatan (TPS) in scope."""

PACKAGE_FILES = ("paslon.csv", "tps.csv", "c_hasil.csv", "suara_paslon.csv")
# Files an existing output folder may contain for it to be replaced (a previous package).
_REPLACEABLE = frozenset(PACKAGE_FILES) | {"wilayah.csv", "koreksi.csv", "kesalahan_tertanam.csv"}

C_HASIL_COLUMNS = (
    "kode_tps", "jenis", "dpt_l", "dpt_p", "dpph_l", "dpph_p", "dptb_l", "dptb_p",
    "pemilih_jumlah", "pengguna_dpt_l", "pengguna_dpt_p", "pengguna_dpph_l",
    "pengguna_dpph_p", "pengguna_dptb_l", "pengguna_dptb_p", "pengguna_jumlah",
    "disabilitas_l", "disabilitas_p", "pengguna_disabilitas_l", "pengguna_disabilitas_p",
    "ss_diterima", "ss_rusak", "ss_tidak_digunakan", "ss_digunakan",
    "suara_sah", "suara_tidak_sah", "suara_total",
)
TPS_COLUMNS = ("kode_tps", "dpt_l", "dpt_p", "lokasi_khusus")
PASLON_COLUMNS = ("jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong")
SUARA_COLUMNS = ("kode_tps", "jenis", "nomor_urut", "suara")

JENIS = ("pkwkk", "pkwkp")  # index = sort order of the string (pkwkk < pkwkp)

# Generator parameters (domain.md §5: ~450-600 voters per TPS, turnout ~60-75 %).
DPT_RANGE = (450, 600)
TURNOUT_RANGE = (0.55, 0.80)
INVALID_RANGE = (0.02, 0.06)
DPPH_MAX = 5
DPTB_MAX = 5
DISABLED_MAX = 8
RUSAK_MAX = 3
DPPH_USE_P = 0.8
SHARE_CONCENTRATION = 50.0  # Dirichlet concentration of per-TPS shares around the kecamatan's
SHARE_FLOOR = 0.005  # no pair gets a zero expected share at a TPS
MAX_TPS_PER_DESA = 999


@dataclass(frozen=True)
class _Reference:
    desa: np.ndarray  # int64 10-digit desa codes, sorted
    kec_tps: pd.DataFrame  # kode_kecamatan (str), tps_total (int)
    kontes: pd.DataFrame  # jenis, kode_kontes, nama_wilayah
    paslon: pd.DataFrame  # contract columns, kode_kontes as str
    suara: pd.DataFrame  # jenis, kode_kontes, kode_kecamatan, nomor_urut, suara (float, NaN)


def _load_reference() -> _Reference:
    ref = reference_dir()
    wil = pd.read_csv(ref / "wilayah.csv", dtype=str, keep_default_na=False)
    desa = np.sort(wil.loc[wil["kode"].str.len() == 10, "kode"].astype(np.int64).to_numpy())
    kec_tps = pd.read_csv(ref / "kecamatan_tps.csv", dtype={"kode_kecamatan": str, "tps_total": np.int64})
    kontes = pd.read_csv(ref / "kontes.csv", dtype=str, keep_default_na=False)
    paslon = pd.read_csv(ref / "paslon.csv", dtype={"jenis": str, "kode_kontes": str, "nomor_urut": np.int64,
                                                   "nama": str, "kolom_kosong": str},
                         keep_default_na=False)
    suara = pd.read_csv(ref / "kecamatan_suara.csv",
                        dtype={"jenis": str, "kode_kontes": str, "kode_kecamatan": str,
                               "nomor_urut": np.int64, "suara": "float64"})
    return _Reference(desa, kec_tps, kontes, paslon, suara)


# --------------------------------------------------------------------------- layout


def _tps_layout(ref: _Reference, prefix: str) -> tuple[np.ndarray, np.ndarray]:
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

    desa = ref.desa[np.isin(ref.desa // 10_000, kec)]
    desa_kec = desa // 10_000
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
    kode_tps = tps_desa * 1000 + number
    if len(kode_tps) != int(tps.sum()):
        raise RuntimeError("TPS layout does not add up")
    return kode_tps, tps_desa // 10_000


# --------------------------------------------------------------------------- shares


def _shares(ref: _Reference, contests: pd.DataFrame, combos: pd.DataFrame, kmax: int) -> np.ndarray:
    """Expected vote share per (contest, kecamatan) combo: kecamatan snapshot shares, else
    the contest's shares within the kab/kota, else contest-wide, else equal shares."""
    s = ref.suara.dropna(subset=["suara"])
    s = s.assign(kode_kabkota=s["kode_kecamatan"].str[:4])
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
        for d, key in ((kec_d, (j, k, kec)), (kab_d, (j, k, kec[:4])), (con_d, (j, k))):
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


# --------------------------------------------------------------------------- generator


def _generate(scope: str, seed: int) -> dict:
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    prefix = SCOPES[scope]
    ref = _load_reference()
    rng = np.random.default_rng(seed)

    kode_tps, tps_kec = _tps_layout(ref, prefix)
    n = len(kode_tps)

    # contests voted at the TPS in scope
    prov_codes = {str(c) for c in np.unique(tps_kec // 10_000)}
    kab_codes = {str(c) for c in np.unique(tps_kec // 100)}
    k = ref.kontes
    in_scope = ((k["jenis"] == "pkwkp") & k["kode_kontes"].isin(prov_codes)) | (
        (k["jenis"] == "pkwkk") & k["kode_kontes"].isin(kab_codes))
    contests = k.loc[in_scope, ["jenis", "kode_kontes"]].sort_values(["jenis", "kode_kontes"])
    contests = contests.reset_index(drop=True)
    paslon = ref.paslon.merge(contests, on=["jenis", "kode_kontes"]).sort_values(
        ["jenis", "kode_kontes", "nomor_urut"]).reset_index(drop=True)
    npairs = paslon.groupby(["jenis", "kode_kontes"]).size()
    contests["n_pairs"] = [int(npairs.get((j, c), 0)) for j, c in zip(contests["jenis"], contests["kode_kontes"])]
    if (contests["n_pairs"] < 2).any():
        raise RuntimeError("a contest has fewer than two ballot columns")

    # ---- voter section, one per TPS (shared by both forms of the TPS)
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
    voters = {
        "dpt_l": dpt_l, "dpt_p": dpt_p, "dpph_l": dpph_l, "dpph_p": dpph_p,
        "dptb_l": dptb_l, "dptb_p": dptb_p, "pemilih_jumlah": pemilih,
        "pengguna_dpt_l": p_dpt_l, "pengguna_dpt_p": p_dpt_p,
        "pengguna_dpph_l": p_dpph_l, "pengguna_dpph_p": p_dpph_p,
        "pengguna_dptb_l": p_dptb_l, "pengguna_dptb_p": p_dptb_p,
        "pengguna_jumlah": pengguna,
        "disabilitas_l": dis_l, "disabilitas_p": dis_p,
        "pengguna_disabilitas_l": p_dis_l, "pengguna_disabilitas_p": p_dis_p,
    }

    # ---- forms: (TPS, contest), sorted by (kode_tps, jenis)
    contest_index = {(j, c): i for i, (j, c) in enumerate(zip(contests["jenis"], contests["kode_kontes"]))}
    tps_prov = (tps_kec // 10_000).astype(str)
    tps_kab = (tps_kec // 100).astype(str)
    f_tps, f_jenis, f_contest = [], [], []
    for ji, (jenis, region) in enumerate((("pkwkk", tps_kab), ("pkwkp", tps_prov))):
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
    f_tps, f_jenis, f_contest = f_tps[order], f_jenis[order], f_contest[order]
    nf = len(f_tps)

    # ---- ballots and votes per form
    f_dpt = dpt[f_tps]
    f_pengguna = pengguna[f_tps]
    ss_diterima = f_dpt + (f_dpt + 39) // 40  # DPT + ceil(2.5 % of DPT), integer arithmetic
    ss_digunakan = f_pengguna
    ss_rusak = np.minimum(rng.integers(0, RUSAK_MAX + 1, nf), ss_diterima - ss_digunakan)
    ss_tidak = ss_diterima - ss_rusak - ss_digunakan
    suara_total = f_pengguna
    suara_tidak_sah = rng.binomial(suara_total, rng.uniform(*INVALID_RANGE, nf))
    suara_sah = suara_total - suara_tidak_sah

    # expected shares per (contest, kecamatan), then Dirichlet noise + multinomial per form
    f_kec = tps_kec[f_tps]
    combo_key = f_contest * 10**6 + (f_kec % 10**6)  # kecamatan suffix unique within a contest
    ukeys, f_combo = np.unique(combo_key, return_inverse=True)
    first_form = np.zeros(len(ukeys), dtype=np.int64)
    first_form[f_combo[::-1]] = np.arange(nf)[::-1]
    combos = pd.DataFrame({"contest": f_contest[first_form], "kode_kecamatan": f_kec[first_form].astype(str)})
    kmax = int(contests["n_pairs"].max())
    share = _shares(ref, contests, combos, kmax)
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
    v_form, v_nomor, v_suara = v_form[order], v_nomor[order], v_suara[order]

    forms = {"kode_tps": kode_tps[f_tps], "jenis": f_jenis}
    forms.update({c: a[f_tps] for c, a in voters.items()})
    forms.update({
        "ss_diterima": ss_diterima, "ss_rusak": ss_rusak, "ss_tidak_digunakan": ss_tidak,
        "ss_digunakan": ss_digunakan, "suara_sah": suara_sah, "suara_tidak_sah": suara_tidak_sah,
        "suara_total": suara_total,
    })
    pairs = {"kode_tps": kode_tps[f_tps][v_form], "jenis": f_jenis[v_form],
             "nomor_urut": v_nomor, "suara": v_suara}
    tps = {"kode_tps": kode_tps, "dpt_l": dpt_l, "dpt_p": dpt_p}
    _self_check(forms, pairs, v_form, nf)
    return {"paslon": paslon, "contests": contests, "tps": tps, "forms": forms, "pairs": pairs,
            "n_kecamatan": len(np.unique(tps_kec)), "n_desa": len(np.unique(kode_tps // 1000))}


def _self_check(f: dict, pairs: dict, v_form: np.ndarray, nf: int) -> None:
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
    for c in C_HASIL_COLUMNS[2:]:
        ok.append(f[c] >= 0)
    ok.append(pairs["suara"] >= 0)
    for i, cond in enumerate(ok):
        if not np.all(cond):
            raise RuntimeError(f"sample generator broke identity #{i}")


# --------------------------------------------------------------------------- writing


def _table(cols: dict, order: tuple[str, ...]) -> pa.Table:
    arrays = []
    for c in order:
        a = cols[c]
        if c == "kode_tps":
            arrays.append(pa.array(np.asarray(a, dtype=np.int64)))
        elif c == "jenis":
            arrays.append(pa.array(np.asarray(a, dtype=np.int8)))
        else:
            arrays.append(pa.array(np.asarray(a, dtype=np.int32)))
    return pa.Table.from_arrays(arrays, names=list(order))


def _copy(con: duckdb.DuckDBPyConnection, table: pa.Table, sql: str, params: dict) -> None:
    """Run ``sql/<sql>.sql`` (sql/sample/) (a COPY ... TO $path) over ``table``, registered as ``src``."""
    con.register("src", table)
    try:
        run_sql(con, sql, params)
    finally:
        con.unregister("src")


def _write_package(data: dict, folder: Path) -> None:
    # paslon.csv: small, csv module (minimal quoting: names with commas get quoted)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(PASLON_COLUMNS)
    w.writerows(data["paslon"][list(PASLON_COLUMNS)].itertuples(index=False, name=None))
    (folder / "paslon.csv").write_bytes(buf.getvalue().encode("utf-8"))

    # row order is part of the output's bytes: keep insertion order (the COPYs sort anyway)
    con = duckdb.connect(config={"preserve_insertion_order": True})
    try:
        jenis = {"jenis_0": JENIS[0], "jenis_1": JENIS[1]}  # jenis is stored as its index in JENIS
        _copy(con, _table(data["tps"], ("kode_tps", "dpt_l", "dpt_p")), "sample/tps",
              {"path": str(folder / "tps.csv")})
        _copy(con, _table(data["forms"], C_HASIL_COLUMNS), "sample/c_hasil",
              {"path": str(folder / "c_hasil.csv"), **jenis})
        _copy(con, _table(data["pairs"], SUARA_COLUMNS), "sample/suara_paslon",
              {"path": str(folder / "suara_paslon.csv"), **jenis})
    finally:
        con.close()


def _replace_dir(new: Path, out: Path) -> None:
    """Move the completed ``new`` folder to ``out``; an existing ``out`` is swapped out
    only now and removed afterwards (restored if the swap fails)."""
    if not out.exists():
        os.replace(new, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
    os.replace(out, old)
    try:
        os.replace(new, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_sample(scope: str, out: Path | str, seed: int = 2024) -> dict:
    """Write a synthetic contract input package for ``scope`` into the folder ``out``.

    ``out`` is created, or replaced if it exists (only once the new package is complete; an
    existing folder must hold nothing but package files, else FileExistsError). Returns a
    summary with the counts of TPS, forms, pair rows and contests.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    seed = int(seed)
    out = Path(out).absolute()
    if out.exists():
        if not out.is_dir():
            raise FileExistsError(f"{out} exists and is not a folder")
        foreign = sorted(p.name for p in out.iterdir() if p.name not in _REPLACEABLE)
        if foreign:
            raise FileExistsError(
                f"{out} is not empty and holds files that are not part of a package "
                f"({', '.join(foreign[:5])}); refusing to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)

    data = _generate(scope, seed)

    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    tmp.mkdir()
    try:
        _write_package(data, tmp)
        _replace_dir(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

    contests = data["contests"]
    return {
        "scope": scope,
        "seed": seed,
        "out": str(out),
        "tps": int(len(data["tps"]["kode_tps"])),
        "forms": int(len(data["forms"]["kode_tps"])),
        "pair_rows": int(len(data["pairs"]["kode_tps"])),
        "contests": int(len(contests)),
        "contests_pkwkp": int((contests["jenis"] == "pkwkp").sum()),
        "contests_pkwkk": int((contests["jenis"] == "pkwkk").sum()),
        "paslon": int(len(data["paslon"])),
        "kecamatan": int(data["n_kecamatan"]),
        "desa": int(data["n_desa"]),
        "dpt": int(data["tps"]["dpt_l"].sum() + data["tps"]["dpt_p"].sum()),
    }
