"""sql/penetapan/penetapan.sql on hand-made top units: plurality, kolom kosong, ties, margins, MK bands."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rekap.sqlfiles import run_sql

SCHEMA = """
create table paslon (jenis varchar, kode_kontes varchar, nomor_urut integer, nama varchar, kolom_kosong boolean);
create table kontes (jenis varchar, kode_kontes varchar, tingkat_puncak varchar);
create table penduduk (kode varchar, total bigint);
create table administrasi (tingkat varchar, jenis varchar, kode_kontes varchar, kode_wilayah varchar, suara_sah bigint,
                           status varchar);
create table hasil (tingkat varchar, jenis varchar, kode_kontes varchar, kode_wilayah varchar, nomor_urut integer,
                    suara bigint);
"""


def contest(db, jenis: str, kode: str, votes: list[int], *, kolom_kosong: bool = False,
            population: int = 100_000, status: str = "final") -> dict:
    """One contest whose top unit has `votes` per ballot column (the last is the empty column
    when `kolom_kosong`); returns its penetapan row."""
    level = "provinsi" if jenis == "pkwkp" else "kabkota"
    db.execute("insert into kontes values (?, ?, ?)", [jenis, kode, level])
    db.execute("insert into penduduk values (?, ?)", [kode, population])
    for i, v in enumerate(votes, start=1):
        kk = kolom_kosong and i == len(votes)
        db.execute("insert into paslon values (?, ?, ?, ?, ?)", [jenis, kode, i, "KOLOM KOSONG" if kk else f"PASLON {i}", kk])
        db.execute("insert into hasil values (?, ?, ?, ?, ?, ?)", [level, jenis, kode, kode, i, v])
    db.execute("insert into administrasi values (?, ?, ?, ?, ?, ?)", [level, jenis, kode, kode, sum(votes), status])
    run_sql(db, "penetapan/puncak")
    run_sql(db, "penetapan/penetapan")
    cur = db.execute("select * from penetapan where jenis = ? and kode_kontes = ?", [jenis, kode])
    return dict(zip([d[0] for d in cur.description], cur.fetchone()))


@pytest.fixture
def empty(db):
    db.execute(SCHEMA)
    return db


def test_plurality_winner_with_margin_and_percentages(empty):
    row = contest(empty, "pkwkk", "6471", [177290, 90000, 31830])
    assert row["status"] == "terpilih"
    assert (row["nomor_urut"], row["nama_paslon"], row["suara"]) == (1, "PASLON 1", 177290)
    assert row["suara_sah"] == 299120
    assert row["persen"] == Decimal("59.27")
    assert row["selisih_suara"] == 87290
    assert row["selisih_persen"] == Decimal("29.18")


def test_governor_contest_is_decided_at_the_province(empty):
    row = contest(empty, "pkwkp", "64", [1203538, 965187], population=4_123_303)
    assert (row["status"], row["nomor_urut"], row["ambang_mk_persen"]) == ("terpilih", 1, Decimal("1.5"))


@pytest.mark.parametrize("votes, status, leader, leader_votes", [
    ([501, 499], "terpilih", 1, 501),            # more than 50 %: elected
    ([500, 500], "kolom_kosong_menang", 2, 500),  # exactly 50 % is not enough
    ([400, 600], "kolom_kosong_menang", 2, 600),  # Bangka, Pangkalpinang 2024
])
def test_single_pair_against_the_empty_column(empty, votes, status, leader, leader_votes):
    row = contest(empty, "pkwkk", "1901", votes, kolom_kosong=True)
    assert (row["status"], row["nomor_urut"], row["suara"]) == (status, leader, leader_votes)
    assert row["selisih_suara"] == abs(votes[0] - votes[1])


def test_exact_tie_at_the_top_is_flagged_not_decided(empty):
    row = contest(empty, "pkwkk", "6474", [300, 420, 420])
    assert row["status"] == "seri"
    assert (row["nomor_urut"], row["suara"], row["selisih_suara"]) == (2, 420, 0)


def test_tie_below_the_top_is_no_tie(empty):
    assert contest(empty, "pkwkk", "6474", [500, 420, 420])["status"] == "terpilih"


def test_provisional_top_unit_is_not_decided(empty):
    row = contest(empty, "pkwkk", "6471", [600, 400], status="sementara")
    assert row["status"] == "sementara"
    assert row["nomor_urut"] == 1  # the leader so far is still shown


@pytest.mark.parametrize("jenis, kode, population, threshold", [
    ("pkwkk", "6401", 250_000, "2.0"), ("pkwkk", "6401", 250_001, "1.5"),
    ("pkwkk", "6401", 500_000, "1.5"), ("pkwkk", "6401", 500_001, "1.0"),
    ("pkwkk", "6401", 1_000_000, "1.0"), ("pkwkk", "6401", 1_000_001, "0.5"),
    ("pkwkp", "64", 2_000_000, "2.0"), ("pkwkp", "64", 2_000_001, "1.5"),
    ("pkwkp", "64", 6_000_000, "1.5"), ("pkwkp", "64", 6_000_001, "1.0"),
    ("pkwkp", "64", 12_000_000, "1.0"), ("pkwkp", "64", 12_000_001, "0.5"),
])
def test_mk_threshold_bands(empty, jenis, kode, population, threshold):
    row = contest(empty, jenis, kode, [600, 400], population=population)
    assert row["ambang_mk_persen"] == Decimal(threshold)


@pytest.mark.parametrize("votes, admissible", [
    ([5100, 4900], True),    # margin 200 of 10,000 = 2.00 %: at the threshold, admissible
    ([5101, 4899], False),   # 202 = 2.02 %
    ([50050, 49950], True),  # 0.10 %
])
def test_mk_admissibility_compares_exactly(empty, votes, admissible):
    row = contest(empty, "pkwkk", "6401", votes, population=200_000)
    assert row["dapat_diajukan_ke_mk"] is admissible


def test_margin_just_over_threshold_is_not_rounded_in(empty):
    # 2.004 % prints as 2.00 but is above 2 %: not admissible
    row = contest(empty, "pkwkk", "6401", [51002, 48998], population=200_000)
    assert (row["selisih_suara"], row["selisih_persen"]) == (2004, Decimal("2.00"))
    assert row["dapat_diajukan_ke_mk"] is False
