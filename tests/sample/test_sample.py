"""Tests of the sample generator (rekap.sample) and the shipped reference tables."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from rekap.reference import reference_dir
from rekap.sample.write import write_sample

CONTRACT = {
    "paslon.csv": ["jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong"],
    "tps.csv": ["kode_tps", "dpt_l", "dpt_p", "lokasi_khusus"],
    "c_hasil.csv": [
        "kode_tps", "jenis", "dpt_l", "dpt_p", "dpph_l", "dpph_p", "dptb_l", "dptb_p",
        "pemilih_jumlah", "pengguna_dpt_l", "pengguna_dpt_p", "pengguna_dpph_l",
        "pengguna_dpph_p", "pengguna_dptb_l", "pengguna_dptb_p", "pengguna_jumlah",
        "disabilitas_l", "disabilitas_p", "pengguna_disabilitas_l", "pengguna_disabilitas_p",
        "ss_diterima", "ss_rusak", "ss_tidak_digunakan", "ss_digunakan",
        "suara_sah", "suara_tidak_sah", "suara_total",
    ],
    "suara_paslon.csv": ["kode_tps", "jenis", "nomor_urut", "suara"],
}
VOTER_COLUMNS = CONTRACT["c_hasil.csv"][2:20]
RUDY = "H. RUDY MAS'UD, S.E., M.E. - Ir. H. SENO AJI, M. Si."

EXPECTED = {
    "balikpapan": {"tps": 996, "forms": 1992, "contests": 2, "kecamatan": 6, "desa": 34},
    "kaltim": {"tps": 6274, "forms": 12548, "contests": 11, "kecamatan": 105, "desa": 1038},
}


@pytest.fixture(scope="module")
def packages(sample_package) -> dict[str, tuple[Path, dict]]:
    """write_sample(s, folder, seed=2024) of each scope, shared with other tests: read only."""
    return {s: (sample_package(s, 2024), sample_package.summary(s, 2024)) for s in EXPECTED}


def _con(pkg: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in (("c_hasil.csv", "c"), ("suara_paslon.csv", "s"), ("tps.csv", "t"),
                        ("paslon.csv", "p")):
        con.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_csv('{pkg / name}', header=true, "
            "all_varchar=true)")
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        ints = [c for c in cols if c not in ("kode_tps", "jenis", "kode_kontes", "nama",
                                             "kolom_kosong", "lokasi_khusus")]
        for c in ints:
            con.execute(f"ALTER TABLE {table} ALTER {c} TYPE BIGINT")
    return con


def _count(con, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


# --------------------------------------------------------------------------- format


@pytest.mark.parametrize("scope", list(EXPECTED))
def test_files_and_columns_match_contract(packages, scope):
    pkg, _ = packages[scope]
    assert sorted(p.name for p in pkg.iterdir()) == sorted(CONTRACT)
    for name, cols in CONTRACT.items():
        raw = (pkg / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in raw
        assert raw.endswith(b"\n")
        raw.decode("utf-8")
        header = raw.split(b"\n", 1)[0].decode()
        assert header == ",".join(cols), name


@pytest.mark.parametrize("scope", list(EXPECTED))
def test_counts(packages, scope):
    pkg, summary = packages[scope]
    exp = EXPECTED[scope]
    for key in ("tps", "forms", "contests", "kecamatan", "desa"):
        assert summary[key] == exp[key], key
    con = _con(pkg)
    assert _count(con, "SELECT count(*) FROM t") == exp["tps"]
    assert _count(con, "SELECT count(*) FROM c") == exp["forms"]
    assert _count(con, "SELECT count(DISTINCT (jenis, kode_kontes)) FROM p") == exp["contests"]
    assert _count(con, "SELECT count(*) FROM s") == summary["pair_rows"]
    # each TPS votes exactly in the pkwkp of its province and the pkwkk of its kab/kota
    assert _count(con, """
        SELECT count(*) FROM c LEFT JOIN p ON p.jenis = c.jenis AND p.nomor_urut = 1 AND
            p.kode_kontes = CASE c.jenis WHEN 'pkwkp' THEN left(c.kode_tps, 2) ELSE left(c.kode_tps, 4) END
        WHERE p.jenis IS NULL""") == 0
    assert _count(con, "SELECT count(*) FROM (SELECT kode_tps FROM c GROUP BY 1 HAVING count(*) <> 2)") == 0
    assert _count(con, "SELECT count(*) FROM (SELECT kode_tps, jenis FROM c GROUP BY 1, 2 HAVING count(*) > 1)") == 0
    # every pair of the contest appears exactly once per form, and nothing else
    assert _count(con, """
        SELECT count(*) FROM c JOIN p ON p.jenis = c.jenis AND
            p.kode_kontes = CASE c.jenis WHEN 'pkwkp' THEN left(c.kode_tps, 2) ELSE left(c.kode_tps, 4) END
        """) == summary["pair_rows"]
    assert _count(con, """
        SELECT count(*) FROM s LEFT JOIN p ON p.jenis = s.jenis AND p.nomor_urut = s.nomor_urut AND
            p.kode_kontes = CASE s.jenis WHEN 'pkwkp' THEN left(s.kode_tps, 2) ELSE left(s.kode_tps, 4) END
        WHERE p.jenis IS NULL""") == 0
    assert _count(con, "SELECT count(*) FROM (SELECT 1 FROM s GROUP BY kode_tps, jenis, nomor_urut HAVING count(*) > 1)") == 0


# --------------------------------------------------------------------------- identities

IDENTITIES = {
    "pairs = suara_sah": """
        SELECT count(*) FROM c LEFT JOIN (SELECT kode_tps, jenis, sum(suara) v FROM s GROUP BY 1, 2) x
            USING (kode_tps, jenis) WHERE x.v IS DISTINCT FROM c.suara_sah""",
    "sah + tidak sah = total": "SELECT count(*) FROM c WHERE suara_sah + suara_tidak_sah <> suara_total",
    "total = pengguna": "SELECT count(*) FROM c WHERE suara_total <> pengguna_jumlah",
    "pengguna = ss_digunakan": "SELECT count(*) FROM c WHERE pengguna_jumlah <> ss_digunakan",
    "pengguna sum": """SELECT count(*) FROM c WHERE pengguna_jumlah <> pengguna_dpt_l + pengguna_dpt_p
        + pengguna_dpph_l + pengguna_dpph_p + pengguna_dptb_l + pengguna_dptb_p""",
    "pemilih sum": """SELECT count(*) FROM c WHERE pemilih_jumlah <> dpt_l + dpt_p + dpph_l + dpph_p
        + dptb_l + dptb_p""",
    "users <= registered": """SELECT count(*) FROM c WHERE pengguna_dpt_l > dpt_l OR pengguna_dpt_p > dpt_p
        OR pengguna_dpph_l > dpph_l OR pengguna_dpph_p > dpph_p OR pengguna_dptb_l > dptb_l
        OR pengguna_dptb_p > dptb_p""",
    "disabled users <= disabled": """SELECT count(*) FROM c WHERE pengguna_disabilitas_l > disabilitas_l
        OR pengguna_disabilitas_p > disabilitas_p""",
    "ballots": "SELECT count(*) FROM c WHERE ss_diterima <> ss_rusak + ss_tidak_digunakan + ss_digunakan",
    "ballots received": "SELECT count(*) FROM c WHERE ss_diterima <> dpt_l + dpt_p + ceil((dpt_l + dpt_p) / 40)",
    "ss_rusak small": "SELECT count(*) FROM c WHERE ss_rusak > 3",
    "non-negative": "SELECT count(*) FROM c WHERE least({cols}) < 0",
    "votes non-negative": "SELECT count(*) FROM s WHERE suara < 0",
}


@pytest.mark.parametrize("scope", list(EXPECTED))
def test_every_identity_holds_on_every_form(packages, scope):
    pkg, _ = packages[scope]
    con = _con(pkg)
    for name, sql in IDENTITIES.items():
        sql = sql.replace("{cols}", ", ".join(CONTRACT["c_hasil.csv"][2:]))
        assert _count(con, sql) == 0, name


@pytest.mark.parametrize("scope", list(EXPECTED))
def test_plausible_ranges(packages, scope):
    con = _con(packages[scope][0])
    dpt_min, dpt_max, to_min, to_max, inv_min, inv_max = con.execute("""
        SELECT min(dpt_l + dpt_p), max(dpt_l + dpt_p),
               min((pengguna_dpt_l + pengguna_dpt_p) / (dpt_l + dpt_p)),
               max((pengguna_dpt_l + pengguna_dpt_p) / (dpt_l + dpt_p)),
               sum(suara_tidak_sah) / sum(suara_total), max(suara_tidak_sah / suara_total)
        FROM c""").fetchone()
    assert 450 <= dpt_min and dpt_max <= 600
    assert 0.45 < to_min and to_max < 0.9
    assert 0.02 < inv_min < 0.06 and inv_max < 0.15
    assert _count(con, "SELECT max(dpph_l + dpph_p) FROM c") <= 5
    assert _count(con, "SELECT max(dptb_l + dptb_p) FROM c") <= 5
    assert _count(con, "SELECT max(disabilitas_l + disabilitas_p) FROM c") <= 8


@pytest.mark.parametrize("scope", list(EXPECTED))
def test_two_forms_share_the_voter_section(packages, scope):
    con = _con(packages[scope][0])
    cols = ", ".join(VOTER_COLUMNS)
    assert _count(con, f"SELECT count(*) FROM (SELECT DISTINCT kode_tps, {cols} FROM c)") == \
        _count(con, "SELECT count(*) FROM t")
    # tps.csv DPT equals the forms' DPT
    assert _count(con, """SELECT count(*) FROM c JOIN t USING (kode_tps)
        WHERE c.dpt_l <> t.dpt_l OR c.dpt_p <> t.dpt_p""") == 0
    assert _count(con, "SELECT count(*) FROM c ANTI JOIN t USING (kode_tps)") == 0
    assert _count(con, "SELECT count(*) FROM t WHERE lokasi_khusus <> 'false'") == 0
    # the votes do differ between the two contests somewhere
    assert _count(con, """SELECT count(*) FROM c a JOIN c b USING (kode_tps)
        WHERE a.jenis = 'pkwkk' AND b.jenis = 'pkwkp' AND a.suara_sah <> b.suara_sah""") > 0


@pytest.mark.parametrize("scope", list(EXPECTED))
def test_rows_sorted(packages, scope):
    pkg, _ = packages[scope]

    def keys(name, ncols, int_last=False):
        with (pkg / name).open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))[1:]
        return [tuple(r[:ncols - 1]) + ((int(r[ncols - 1]),) if int_last else (r[ncols - 1],))
                for r in rows]

    for name, n, il in (("tps.csv", 1, False), ("c_hasil.csv", 2, False),
                        ("suara_paslon.csv", 3, True), ("paslon.csv", 3, True)):
        k = keys(name, n, il)
        assert k == sorted(k), name
        assert len(set(k)) == len(k), name


# --------------------------------------------------------------------------- codes and names


@pytest.fixture(scope="module")
def wilayah() -> dict[str, str]:
    with (reference_dir() / "wilayah.csv").open(newline="", encoding="utf-8") as fh:
        return {r["kode"]: r["nama"] for r in csv.DictReader(fh)}


@pytest.mark.parametrize("scope", list(EXPECTED))
def test_tps_codes_are_real(packages, wilayah, scope):
    pkg, _ = packages[scope]
    with (pkg / "tps.csv").open(newline="", encoding="utf-8") as fh:
        codes = [r["kode_tps"] for r in csv.DictReader(fh)]
    prefix = "6471" if scope == "balikpapan" else "64"
    for c in codes:
        assert len(c) == 13 and c.isdigit() and c.startswith(prefix)
        assert c[:10] in wilayah
        assert 1 <= int(c[10:]) <= 999


def test_kaltim_paslon(packages):
    pkg, _ = packages["kaltim"]
    with (pkg / "paslon.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gov = [r for r in rows if r["jenis"] == "pkwkp"]
    assert [(r["kode_kontes"], r["nomor_urut"]) for r in gov] == [("64", "1"), ("64", "2")]
    assert RUDY in {r["nama"] for r in gov}
    smd = [r for r in rows if r["jenis"] == "pkwkk" and r["kode_kontes"] == "6472"]
    kk = [r for r in smd if r["kolom_kosong"] == "true"]
    assert len(smd) == 2 and len(kk) == 1 and kk[0]["nama"] == "KOLOM KOSONG"
    assert {r["kode_kontes"] for r in rows if r["jenis"] == "pkwkk"} == {
        "6401", "6402", "6403", "6407", "6408", "6409", "6411", "6471", "6472", "6474"}
    assert all(r["kolom_kosong"] in ("true", "false") for r in rows)
    # names with commas are quoted, names without are not
    text = (pkg / "paslon.csv").read_text(encoding="utf-8")
    assert f'"{RUDY}"' in text
    assert "\npkwkp,64,1," in text


def test_balikpapan_paslon_only_in_scope(packages):
    pkg, _ = packages["balikpapan"]
    with (pkg / "paslon.csv").open(newline="", encoding="utf-8") as fh:
        contests = {(r["jenis"], r["kode_kontes"]) for r in csv.DictReader(fh)}
    assert contests == {("pkwkp", "64"), ("pkwkk", "6471")}


# --------------------------------------------------------------------------- determinism and writing


def test_deterministic(tmp_path, packages):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_sample("balikpapan", a, seed=7)
    write_sample("balikpapan", b, seed=7)
    write_sample("balikpapan", c, seed=8)
    for name in CONTRACT:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "c_hasil.csv").read_bytes() != (c / "c_hasil.csv").read_bytes()
    assert (a / "suara_paslon.csv").read_bytes() != (c / "suara_paslon.csv").read_bytes()
    # the TPS universe and candidates do not depend on the seed
    assert (a / "paslon.csv").read_bytes() == (c / "paslon.csv").read_bytes()
    # default seed reproduces the module fixture
    d = tmp_path / "d"
    write_sample("balikpapan", d)
    for name in CONTRACT:
        assert (d / name).read_bytes() == (packages["balikpapan"][0] / name).read_bytes()


def test_replaces_existing_package_atomically(tmp_path):
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "c_hasil.csv").write_text("stale\n")
    (out / "koreksi.csv").write_text("stale\n")
    summary = write_sample("balikpapan", out, seed=1)
    assert summary["tps"] == 996
    assert sorted(p.name for p in out.iterdir()) == sorted(CONTRACT)
    assert (out / "c_hasil.csv").read_text().startswith("kode_tps,jenis,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no temp or backup left


def test_refuses_to_replace_foreign_folder(tmp_path):
    out = tmp_path / "stuff"
    out.mkdir()
    (out / "notes.txt").write_text("keep me\n")
    with pytest.raises(FileExistsError):
        write_sample("balikpapan", out)
    assert (out / "notes.txt").read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stuff"]


def test_creates_parents_and_rejects_unknown_scope(tmp_path):
    out = tmp_path / "x" / "y"
    write_sample("balikpapan", out)
    assert (out / "tps.csv").is_file()
    with pytest.raises(ValueError):
        write_sample("jakarta", tmp_path / "z")
    assert not (tmp_path / "z").exists()


# --------------------------------------------------------------------------- reference tables


def _ref(name: str) -> list[dict[str, str]]:
    with (reference_dir() / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_reference_tables(wilayah):
    ref = reference_dir()
    assert ref == Path(__file__).resolve().parents[2] / "rekap" / "reference"
    for name in ("wilayah.csv", "penduduk.csv", "kontes.csv", "paslon.csv", "kecamatan_tps.csv",
                 "kecamatan_suara.csv", "SOURCE.md", "LICENSE-wilayah"):
        raw = (ref / name).read_bytes()
        assert b"\r" not in raw and raw.endswith(b"\n"), name
    assert sum((ref / n).stat().st_size for n in (p.name for p in ref.iterdir())) < 5_000_000

    kec_tps = _ref("kecamatan_tps.csv")
    assert sum(int(r["tps_total"]) for r in kec_tps) == 435_296
    assert len(kec_tps) == 7277
    kec_with_desa = {k[:6] for k in wilayah if len(k) == 10}
    assert all(r["kode_kecamatan"] in kec_with_desa for r in kec_tps)
    assert all(r["kode_kecamatan"] in wilayah for r in kec_tps)

    kontes = _ref("kontes.csv")
    assert len(kontes) == 545
    assert sum(r["jenis"] == "pkwkp" for r in kontes) == 37
    assert sum(r["jenis"] == "pkwkk" for r in kontes) == 508
    assert all(r["kode_kontes"] in wilayah for r in kontes)

    penduduk = {r["kode"]: int(r["total"]) for r in _ref("penduduk.csv")}
    assert all(penduduk.get(r["kode_kontes"], 0) > 0 for r in kontes)

    paslon = _ref("paslon.csv")
    assert len(paslon) == 1594
    assert sum(r["kolom_kosong"] == "true" for r in paslon) == 37
    assert all(r["nama"] == "KOLOM KOSONG" for r in paslon if r["kolom_kosong"] == "true")
    assert {(r["jenis"], r["kode_kontes"]) for r in paslon} == {(r["jenis"], r["kode_kontes"]) for r in kontes}

    suara = _ref("kecamatan_suara.csv")
    assert all(r["kode_kecamatan"] in wilayah for r in suara)
    assert any(r["suara"] == "" for r in suara)

    # Papua Barat Daya: Sirekap's 96.* codes, 2023 kecamatan numbering (960107 = Aimas)
    assert wilayah["96"] == "PAPUA BARAT DAYA"
    assert wilayah["9601"] == "KAB. SORONG"
    assert wilayah["960107"] == "Aimas"
    assert "9201" not in wilayah


def test_product_code_does_not_read_shared_data():
    root = Path(__file__).resolve().parents[2] / "rekap"
    for path in (*sorted((root / "sample").glob("*.py")), root / "reference.py"):
        assert "/work/shared" not in path.read_text(encoding="utf-8")
        assert "shared/data" not in path.read_text(encoding="utf-8")
