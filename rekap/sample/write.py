"""A sample package's files: ``write_sample(scope, out, seed)`` writes a contract input package.

The package is ``paslon.csv``, ``tps.csv``, ``c_hasil.csv`` and ``suara_paslon.csv``, made by the
modules beside this one (``layout``, ``voters``, ``votes``).

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
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from rekap.contract import C_HASIL_COUNTS
from rekap.sample.faults import FAULTS_FILE
from rekap.sample.layout import (JENIS_ORDER, SCOPES, contests_in_scope, form_layout, load_reference,
                                 parent_divisor, tps_layout)
from rekap.sample.voters import draw_voters
from rekap.sample.votes import draw_ballots, draw_votes, self_check
from rekap.sqlfiles import run_sql

PACKAGE_FILES = ("paslon.csv", "tps.csv", "c_hasil.csv", "suara_paslon.csv")
# Files an existing output folder may contain for it to be replaced (a previous package).
_REPLACEABLE = frozenset(PACKAGE_FILES) | {"wilayah.csv", "koreksi.csv", FAULTS_FILE}

C_HASIL_COLUMNS = ("kode_tps", "jenis", *C_HASIL_COUNTS)
PASLON_COLUMNS = ("jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong")
SUARA_COLUMNS = ("kode_tps", "jenis", "nomor_urut", "suara")


def generate(scope: str, seed: int) -> dict:
    """The sample's tables as arrays (jenis as its index in JENIS_ORDER), checked form by form."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    ref = load_reference()
    rng = np.random.default_rng(seed)

    kode_tps, tps_kec = tps_layout(ref, SCOPES[scope])
    contests, paslon = contests_in_scope(ref, tps_kec)
    voters = draw_voters(rng, len(kode_tps))
    f_tps, f_jenis, f_contest = form_layout(kode_tps, tps_kec, contests)
    dpt = voters["dpt_l"] + voters["dpt_p"]
    ballots = draw_ballots(rng, dpt[f_tps], voters["pengguna_jumlah"][f_tps])
    v_form, v_nomor, v_suara = draw_votes(rng, ref, contests, f_contest, tps_kec[f_tps], ballots["suara_sah"])

    forms = {"kode_tps": kode_tps[f_tps], "jenis": f_jenis}
    forms.update({c: a[f_tps] for c, a in voters.items()})
    forms.update(ballots)
    pairs = {"kode_tps": kode_tps[f_tps][v_form], "jenis": f_jenis[v_form],
             "nomor_urut": v_nomor, "suara": v_suara}
    tps = {"kode_tps": kode_tps, "dpt_l": voters["dpt_l"], "dpt_p": voters["dpt_p"]}
    self_check(forms, pairs, v_form, len(f_tps))
    return {"paslon": paslon, "contests": contests, "tps": tps, "forms": forms, "pairs": pairs,
            "n_kecamatan": len(np.unique(tps_kec)),
            "n_desa": len(np.unique(kode_tps // parent_divisor("tps", "desa")))}


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
        jenis = {"jenis_0": JENIS_ORDER[0], "jenis_1": JENIS_ORDER[1]}  # stored as its index
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

    data = generate(scope, seed)

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
