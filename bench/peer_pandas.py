"""(b) The peer: the same recap in pandas, the way an analyst would write it (read_csv, groupby,
merge), with the same rules as rekap's TPS gate and the same aggregation of every level.

    python -m bench.peer_pandas --input PKG --json RESULT.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from bench.measure import Span, write_child_result
from bench.packages import check_supported

COUNTS = [
    "dpt_l", "dpt_p", "dpph_l", "dpph_p", "dptb_l", "dptb_p", "pemilih_jumlah",
    "pengguna_dpt_l", "pengguna_dpt_p", "pengguna_dpph_l", "pengguna_dpph_p",
    "pengguna_dptb_l", "pengguna_dptb_p", "pengguna_jumlah",
    "disabilitas_l", "disabilitas_p", "pengguna_disabilitas_l", "pengguna_disabilitas_p",
    "ss_diterima", "ss_rusak", "ss_tidak_digunakan", "ss_digunakan",
    "suara_sah", "suara_tidak_sah", "suara_total",
]
KEY = ["jenis", "kode_kontes", "kode_tps"]
WARNINGS = {"suara_melebihi_1_02_dpt", "surat_suara_diterima_menyimpang", "pengguna_beda_antar_kontes",
            "satu_paslon_100_persen", "partisipasi_jauh_dari_median", "dpt_beda_dengan_daftar"}
CODE_LENGTH = {"desa": 10, "kecamatan": 6, "kabkota": 4, "provinsi": 2}


def contest_code(df: pd.DataFrame) -> pd.Series:
    return pd.Series(np.where(df["jenis"] == "pkwkp", df["kode_tps"].str[:2], df["kode_tps"].str[:4]),
                     index=df.index)


def read(pkg: Path) -> tuple[pd.DataFrame, ...]:
    paslon = pd.read_csv(pkg / "paslon.csv", dtype={"kode_kontes": str})
    tps = pd.read_csv(pkg / "tps.csv", dtype={"kode_tps": str}, usecols=["kode_tps", "dpt_l", "dpt_p"])
    c_hasil = pd.read_csv(pkg / "c_hasil.csv", dtype={"kode_tps": str} | {c: "int64" for c in COUNTS})
    suara = pd.read_csv(pkg / "suara_paslon.csv", dtype={"kode_tps": str, "nomor_urut": "int64", "suara": "int64"})
    # unusable input, as rekap refuses it: malformed codes, unknown jenis, negative counts
    for name, df, numbers in (("tps", tps, ["dpt_l", "dpt_p"]), ("c_hasil", c_hasil, COUNTS),
                              ("suara_paslon", suara, ["nomor_urut", "suara"])):
        bad = ~df["kode_tps"].str.fullmatch(r"[0-9]{13}") | (df[numbers] < 0).any(axis=1)
        if "jenis" in df:
            bad |= ~df["jenis"].isin(["pkwkp", "pkwkk"])
        if bad.any():
            raise ValueError(f"{name}.csv baris {int(np.flatnonzero(bad)[0]) + 2}: tidak dapat dipakai")
    return paslon, tps, c_hasil, suara


def check_tps(paslon, tps, c_hasil, suara) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """One row per (contest, TPS) expected or submitted, and each rule's broken rows."""
    kontes = paslon.groupby(["jenis", "kode_kontes"]).size().rename("n_kolom").reset_index()
    tps["dpt_daftar"] = tps["dpt_l"] + tps["dpt_p"]
    expected = pd.concat([
        tps[["kode_tps", "dpt_daftar"]].assign(jenis="pkwkp", kode_kontes=tps["kode_tps"].str[:2]),
        tps[["kode_tps", "dpt_daftar"]].assign(jenis="pkwkk", kode_kontes=tps["kode_tps"].str[:4]),
    ]).merge(kontes[["jenis", "kode_kontes"]])

    # without submission times the last submission counts; two or more cannot be told apart
    c_hasil["kode_kontes"] = contest_code(c_hasil)
    c_hasil["n_pengiriman"] = c_hasil.groupby(["jenis", "kode_tps"])["kode_tps"].transform("size")
    form = c_hasil.drop_duplicates(["jenis", "kode_tps"], keep="last")

    suara = suara.assign(kode_kontes=contest_code(suara))
    known = paslon[["jenis", "kode_kontes", "nomor_urut"]].assign(dikenal=True)
    suara = suara.merge(known, how="left", on=["jenis", "kode_kontes", "nomor_urut"])
    suara["dikenal"] = suara["dikenal"].fillna(False).astype(bool)
    suara["suara_dikenal"] = suara["suara"].where(suara["dikenal"])
    votes = suara.groupby(["jenis", "kode_tps"]).agg(
        jumlah_suara_paslon=("suara", "sum"), n_ada=("dikenal", "sum"), n_baris=("suara", "size"),
        suara_tertinggi=("suara_dikenal", "max")).reset_index()

    df = expected.merge(form, how="outer", on=KEY, indicator=True)
    df = df.merge(kontes, on=["jenis", "kode_kontes"])
    df = df.merge(votes, how="left", on=["jenis", "kode_tps"])
    di_daftar, masuk = df["_merge"] != "right_only", df["_merge"] != "left_only"
    df[COUNTS] = df[COUNTS].fillna(0).astype("int64")
    df["jumlah_suara_paslon"] = df["jumlah_suara_paslon"].fillna(0)
    n_ada = df["n_ada"].fillna(0)

    per_tps = form.groupby("kode_tps").agg(n_form=("jenis", "size"), pengguna_semua=("pengguna_jumlah", "sum"))
    df = df.merge(per_tps, how="left", left_on="kode_tps", right_index=True)
    turnout = lambda d: np.where(d["pemilih_jumlah"] > 0, d["pengguna_jumlah"] * 10000 // d["pemilih_jumlah"].clip(lower=1), 0)
    form = form.assign(bp=turnout(form), kode_kecamatan=form["kode_tps"].str[:6])
    median = np.rint(form.groupby(["jenis", "kode_kecamatan"])["bp"].median()).rename("median_bp")
    df["kode_kecamatan"] = df["kode_tps"].str[:6]
    df = df.merge(median, how="left", left_on=["jenis", "kode_kecamatan"], right_index=True)

    d = df
    dpt = d["dpt_l"] + d["dpt_p"]
    rules = {
        "formulir_belum_masuk": ~masuk,
        "tps_tidak_terdaftar": ~di_daftar,
        "pengiriman_bertabrakan": d["n_pengiriman"].fillna(0) > 1,
        "paslon_tidak_dikenal": (d["n_baris"].fillna(0) - n_ada) > 0,
        "paslon_tidak_lengkap": masuk & (d["n_kolom"] != n_ada),
        "suara_paslon_sama_suara_sah": masuk & (d["jumlah_suara_paslon"] != d["suara_sah"]),
        "sah_tambah_tidak_sah_sama_total": masuk & (d["suara_sah"] + d["suara_tidak_sah"] != d["suara_total"]),
        "jumlah_suara_sama_pengguna": masuk & (d["suara_total"] != d["pengguna_jumlah"]),
        "surat_suara_digunakan_sama_pengguna": masuk & (d["ss_digunakan"] != d["pengguna_jumlah"]),
        "pengguna_sama_rincian": masuk & (d[["pengguna_dpt_l", "pengguna_dpt_p", "pengguna_dpph_l", "pengguna_dpph_p",
                                             "pengguna_dptb_l", "pengguna_dptb_p"]].sum(axis=1) != d["pengguna_jumlah"]),
        "pemilih_sama_rincian": masuk & (d[["dpt_l", "dpt_p", "dpph_l", "dpph_p", "dptb_l", "dptb_p"]].sum(axis=1)
                                         != d["pemilih_jumlah"]),
        "surat_suara_seimbang": masuk & (d["ss_rusak"] + d["ss_tidak_digunakan"] + d["ss_digunakan"] != d["ss_diterima"]),
        **{f"pengguna_{c}_melebihi_terdaftar": masuk & (d[f"pengguna_{c}"] > d[c])
           for c in ("dpt_l", "dpt_p", "dpph_l", "dpph_p", "dptb_l", "dptb_p", "disabilitas_l", "disabilitas_p")},
        "partisipasi_melebihi_100_persen": masuk & (d["pengguna_jumlah"] > d["pemilih_jumlah"]),
        # warnings: reported, never holding a TPS
        "suara_melebihi_1_02_dpt": masuk & (d["jumlah_suara_paslon"] > dpt * 102 // 100),
        "surat_suara_diterima_menyimpang": masuk & ((d["ss_diterima"] < dpt + (dpt + 39) // 40)
                                                    | (d["ss_diterima"] > dpt + (dpt + 39) // 40 + d["dptb_l"] + d["dptb_p"])),
        "pengguna_beda_antar_kontes": masuk & (d["n_form"] == 2)
                                      & (d["pengguna_semua"] - d["pengguna_jumlah"] != d["pengguna_jumlah"]),
        "satu_paslon_100_persen": masuk & (d["suara_sah"] > 0) & (d["suara_tertinggi"] == d["suara_sah"]),
        "partisipasi_jauh_dari_median": masuk & ((turnout(d) - d["median_bp"]).abs() > 3000),
        "dpt_beda_dengan_daftar": masuk & di_daftar & (dpt != d["dpt_daftar"]),
    }
    held = pd.concat([r for name, r in rules.items() if name not in WARNINGS], axis=1).any(axis=1)
    df["tps_total"], df["tps_masuk"] = di_daftar.astype(int), masuk.astype(int)
    df["tps_lolos"] = (di_daftar & masuk & ~held).astype(int)
    return df[KEY + ["tps_total", "tps_masuk", "tps_lolos"] + COUNTS], rules


def levels(df: pd.DataFrame, paslon: pd.DataFrame, suara: pd.DataFrame) -> tuple[dict, dict]:
    """administrasi and hasil of every level, desa up: sums over the TPS that passed."""
    lolos = df["tps_lolos"] == 1
    units = df[["jenis", "kode_kontes"]].assign(kode_wilayah=df["kode_tps"].str[:10], final=lolos)
    units[["tps_total", "tps_masuk", "tps_lolos"]] = df[["tps_total", "tps_masuk", "tps_lolos"]]
    units[COUNTS] = df[COUNTS].where(lolos, 0)
    by = ["jenis", "kode_kontes", "kode_wilayah"]
    adm = {"desa": units.groupby(by, as_index=False).agg({c: "sum" for c in units.columns if c not in by}
                                                         | {"final": "all"})}

    passed = df.loc[lolos, ["jenis", "kode_tps"]]
    v = suara.merge(passed, on=["jenis", "kode_tps"])
    v["kode_kontes"] = contest_code(v)
    v["kode_wilayah"] = v["kode_tps"].str[:10]
    v = v.groupby(by + ["nomor_urut"], as_index=False)["suara"].sum()
    grid = adm["desa"][by].merge(paslon[["jenis", "kode_kontes", "nomor_urut"]])
    hasil = {"desa": grid.merge(v, how="left", on=by + ["nomor_urut"]).fillna({"suara": 0})}

    for child, level in (("desa", "kecamatan"), ("kecamatan", "kabkota"), ("kabkota", "provinsi")):
        a, h = adm[child], hasil[child]
        if level == "provinsi":
            a, h = a[a["jenis"] == "pkwkp"], h[h["jenis"] == "pkwkp"]
        a = a.assign(kode_wilayah=a["kode_wilayah"].str[:CODE_LENGTH[level]])
        adm[level] = a.groupby(by, as_index=False).agg({c: "sum" for c in a.columns if c not in by} | {"final": "all"})
        h = h.assign(kode_wilayah=h["kode_wilayah"].str[:CODE_LENGTH[level]])
        hasil[level] = h.groupby(by + ["nomor_urut"], as_index=False)["suara"].sum()
    return adm, hasil


def penetapan(adm: dict, hasil: dict, paslon: pd.DataFrame) -> pd.DataFrame:
    top_adm = pd.concat([adm["provinsi"][adm["provinsi"]["jenis"] == "pkwkp"],
                         adm["kabkota"][adm["kabkota"]["jenis"] == "pkwkk"]])
    top_adm = top_adm[top_adm["kode_wilayah"] == top_adm["kode_kontes"]]
    top = pd.concat([hasil["provinsi"][hasil["provinsi"]["jenis"] == "pkwkp"],
                     hasil["kabkota"][hasil["kabkota"]["jenis"] == "pkwkk"]])
    top = top[top["kode_wilayah"] == top["kode_kontes"]]
    ranked = paslon.merge(top[["jenis", "kode_kontes", "nomor_urut", "suara"]], how="left").fillna({"suara": 0})
    ranked = ranked.sort_values(["jenis", "kode_kontes", "suara", "kolom_kosong", "nomor_urut"],
                                ascending=[True, True, False, False, True])
    g = ranked.groupby(["jenis", "kode_kontes"], sort=True)
    out = g.nth(0)[["jenis", "kode_kontes", "nomor_urut", "suara", "kolom_kosong"]].reset_index(drop=True)
    out = out.merge(g.nth(1)[["jenis", "kode_kontes", "suara"]].rename(columns={"suara": "suara_kedua"}), how="left")
    out["suara_kedua"] = out["suara_kedua"].fillna(0)
    shape = paslon.groupby(["jenis", "kode_kontes"]).agg(
        n_paslon=("kolom_kosong", lambda s: int((~s).sum())), ada_kolom_kosong=("kolom_kosong", "any")).reset_index()
    out = out.merge(shape).merge(top_adm[["jenis", "kode_kontes", "suara_sah", "final"]], how="left")
    final = out["final"].fillna(False).astype(bool)
    single = out["ada_kolom_kosong"] & (out["n_paslon"] == 1)
    out["status"] = np.select(
        [~final, single & ~out["kolom_kosong"] & (out["suara"] * 2 > out["suara_sah"]), single,
         out["suara"] == out["suara_kedua"]],
        ["sementara", "terpilih", "kolom_kosong_menang", "seri"], default="terpilih")
    return out[["jenis", "kode_kontes", "status", "nomor_urut", "suara"]]


def run_peer(pkg: Path) -> dict:
    """The whole peer recap, timed step by step; returns its figures and what agreement compares."""
    check_supported(pkg)
    steps = {}
    with Span() as total:
        with Span() as s:
            paslon, tps, c_hasil, suara = read(pkg)
            # the votes of the submission that counts: without times the last one, whose rows come last
            suara = suara.drop_duplicates(["jenis", "kode_tps", "nomor_urut"], keep="last")
        steps["baca"] = {"wall_s": s.wall_s, "cpu_s": s.cpu_s}
        with Span() as s:
            df, rules = check_tps(paslon, tps, c_hasil, suara)
        steps["cek_tps"] = {"wall_s": s.wall_s, "cpu_s": s.cpu_s}
        with Span() as s:
            adm, hasil = levels(df, paslon, suara)
        steps["tingkat"] = {"wall_s": s.wall_s, "cpu_s": s.cpu_s}
        with Span() as s:
            decided = penetapan(adm, hasil, paslon)
        steps["penetapan"] = {"wall_s": s.wall_s, "cpu_s": s.cpu_s}
    top = pd.concat([hasil["kabkota"].assign(tingkat="kabkota"), hasil["provinsi"].assign(tingkat="provinsi")])
    top = top.sort_values(["jenis", "kode_kontes", "tingkat", "kode_wilayah", "nomor_urut"])
    return {
        "contender": "peer", "wall_s": total.wall_s, "cpu_s": total.cpu_s, "steps": steps,
        "hasil_puncak": [[r.jenis, r.kode_kontes, r.tingkat, r.kode_wilayah, int(r.nomor_urut), int(r.suara)]
                         for r in top.itertuples()],
        "penetapan": [[r.jenis, r.kode_kontes, r.status, int(r.nomor_urut), int(r.suara)]
                      for r in decided.itertuples()],
        "temuan": sorted([name, "warn" if name in WARNINGS else "error", int(r.sum())]
                         for name, r in rules.items() if r.sum() > 0),
        "tps_lolos": int(df["tps_lolos"].sum()),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, type=Path)
    p.add_argument("--json", required=True, type=Path)
    args = p.parse_args(argv)
    write_child_result(args.json, run_peer(args.input))
    return 0


if __name__ == "__main__":
    sys.exit(main())
