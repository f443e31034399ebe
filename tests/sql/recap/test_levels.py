"""Every level of the recap on 5 hand-checkable TPS: sums, TPS counts, status, contest scope."""

from __future__ import annotations

import pytest

from builders import Package, form
from rekap.ingest.tables import load_package
from rekap.domain import LEVEL_NAMES as LEVELS
from rekap.recap import build_forms, build_level, decide_penetapan
from rekap.sqlfiles import run_sql

T1, T2, T3, T4, T5 = "6471011001001", "6471011001002", "6471011002001", "6471021001001", "6472011001001"
VOTES = {  # TPS: (governor 64, regent/mayor of its kab/kota)
    T1: ({1: 100, 2: 50}, {1: 70, 2: 80}),
    T2: ({1: 30, 2: 60}, {1: 40, 2: 50}),
    T3: ({1: 10, 2: 20}, {1: 5, 2: 25}),
    T4: ({1: 7, 2: 3}, {1: 6, 2: 4}),
    T5: ({1: 1, 2: 2}, {1: 3, 2: 1}),
}


def kaltim_mini(skip: tuple[str, str] | None = None) -> Package:
    pkg = (Package()
           .contest("pkwkp", "64", ["GUB SATU", "GUB DUA"])
           .contest("pkwkk", "6471", ["WALI SATU", "WALI DUA"])
           .contest("pkwkk", "6472", ["TUNGGAL"], kolom_kosong=True))
    for kode, (gov, local) in VOTES.items():
        pkg.station(kode)
        for jenis, votes in (("pkwkp", gov), ("pkwkk", local)):
            if skip != (kode, jenis):
                pkg.submit(form(kode, jenis, votes))
    return pkg


def recap(db, folder, held: list[tuple] = ()) -> None:
    load_package(db, folder)
    build_forms(db)
    for row in held:
        db.execute("insert into temuan values (?, ?, 'tps', ?, ?, 'uji', 'error', 'ditahan untuk uji')", row)
    for level in LEVELS:
        build_level(db, level)
    decide_penetapan(db)


def votes(db, level, jenis, kode_wilayah):
    if level == "tps":  # the votes as submitted (hasil_tps); the levels above share one table (hasil)
        return dict(db.execute("select nomor_urut, suara from hasil_tps where jenis = ? and kode_wilayah = ? "
                               "order by 1", [jenis, kode_wilayah]).fetchall())
    return dict(db.execute(
        "select nomor_urut, suara from hasil where tingkat = ? and jenis = ? and kode_wilayah = ? order by 1",
        [level, jenis, kode_wilayah]).fetchall())


def admin(db, level, jenis, kode_wilayah, *cols):
    # the TPS rows are the forms (administrasi_tps); the levels above share one table (administrasi)
    if level == "tps":
        row = db.execute("select * from administrasi_tps where jenis = ? and kode_wilayah = ?", [jenis, kode_wilayah])
    else:
        row = db.execute("select * from administrasi where tingkat = ? and jenis = ? and kode_wilayah = ?",
                         [level, jenis, kode_wilayah])
    names = [d[0] for d in row.description]
    values = dict(zip(names, row.fetchone()))
    return tuple(values[c] for c in cols)


@pytest.fixture
def complete(db, tmp_path):
    recap(db, kaltim_mini().write(tmp_path / "pkg"))
    return db


def test_votes_add_up_level_by_level(complete):
    db = complete
    assert votes(db, "desa", "pkwkp", "6471011001") == {1: 130, 2: 110}
    assert votes(db, "desa", "pkwkp", "6471011002") == {1: 10, 2: 20}
    assert votes(db, "kecamatan", "pkwkp", "647101") == {1: 140, 2: 130}
    assert votes(db, "kabkota", "pkwkp", "6471") == {1: 147, 2: 133}
    assert votes(db, "kabkota", "pkwkp", "6472") == {1: 1, 2: 2}
    assert votes(db, "provinsi", "pkwkp", "64") == {1: 148, 2: 135}
    assert votes(db, "kabkota", "pkwkk", "6471") == {1: 121, 2: 159}
    assert votes(db, "kabkota", "pkwkk", "6472") == {1: 3, 2: 1}


def test_form_counts_are_summed_column_by_column(complete):
    db = complete
    # three forms of 2 invalid votes each under Balikpapan Timur
    assert admin(db, "kecamatan", "pkwkp", "647101", "suara_sah", "suara_tidak_sah", "suara_total",
                 "dpt_l", "tps_total", "tps_masuk", "tps_lolos", "status") == (270, 6, 276, 450, 3, 3, 3, "final")
    assert admin(db, "provinsi", "pkwkp", "64", "suara_sah", "tps_total", "status") == (283, 5, "final")


def test_regent_contest_stops_at_kabkota(complete):
    db = complete
    for table in ("administrasi", "hasil"):
        assert db.execute("select count(*) from query_table(?) where tingkat = 'provinsi' and jenis = 'pkwkk'",
                          [table]).fetchone() == (0,)
    # a TPS votes in its own kab/kota's contest only
    assert db.execute("select kode_kontes, count(*) from tps_kontes where jenis = 'pkwkk' group by 1 order by 1"
                      ).fetchall() == [("6471", 4), ("6472", 1)]


def test_every_level_has_its_units(complete):
    counts = dict(complete.execute("select tingkat, count(*) from administrasi group by 1").fetchall())
    counts["tps"] = complete.execute("select count(*) from administrasi_tps").fetchone()[0]
    # tps: 5 governor + 5 regent/mayor forms; desa: 4 + 4; kecamatan: 3 + 3; kabkota: 2 + 2; provinsi: 1
    assert counts == {"tps": 10, "desa": 8, "kecamatan": 6, "kabkota": 4, "provinsi": 1}


def test_missing_form_makes_its_parents_provisional(db, tmp_path):
    recap(db, kaltim_mini(skip=(T2, "pkwkk")).write(tmp_path / "pkg"))
    assert admin(db, "tps", "pkwkk", T2, "tps_total", "tps_masuk", "tps_lolos", "status") == (1, 0, 0, "sementara")
    assert admin(db, "desa", "pkwkk", "6471011001", "tps_total", "tps_masuk", "status") == (2, 1, "sementara")
    assert admin(db, "kecamatan", "pkwkk", "647101", "status") == ("sementara",)
    assert admin(db, "kabkota", "pkwkk", "6471", "status") == ("sementara",)
    assert admin(db, "kecamatan", "pkwkk", "647102", "status") == ("final",)
    # the governor contest has all its forms
    assert admin(db, "provinsi", "pkwkp", "64", "status") == ("final",)
    assert dict(db.execute("select kode_kontes, status from penetapan").fetchall()) == {
        "64": "terpilih", "6471": "sementara", "6472": "terpilih"}


def test_held_tps_is_named_but_not_added(db, tmp_path):
    recap(db, kaltim_mini().write(tmp_path / "pkg"), held=[("pkwkp", "64", T1, T1)])
    assert admin(db, "tps", "pkwkp", T1, "tps_masuk", "tps_lolos", "suara_sah", "status") == (1, 0, 150, "sementara")
    assert votes(db, "desa", "pkwkp", "6471011001") == {1: 30, 2: 60}
    assert admin(db, "desa", "pkwkp", "6471011001", "tps_total", "tps_masuk", "tps_lolos", "suara_sah", "status") == (
        2, 2, 1, 90, "sementara")
    assert admin(db, "provinsi", "pkwkp", "64", "status") == ("sementara",)


def test_later_resubmission_replaces_earlier(db, tmp_path):
    pkg = kaltim_mini(skip=(T4, "pkwkk"))
    pkg.submit(form(T4, "pkwkk", {1: 1, 2: 1}, diterima_pada="2024-11-27T15:00:00+08:00"))
    pkg.submit(form(T4, "pkwkk", {1: 9, 2: 1}, diterima_pada="2024-11-28T09:00:00+08:00"))
    pkg.submit(form(T4, "pkwkk", {1: 2, 2: 2}, diterima_pada="2024-11-27T16:00:00+08:00"))
    recap(db, pkg.write(tmp_path / "pkg"))
    assert votes(db, "kecamatan", "pkwkk", "647102") == {1: 9, 2: 1}
    assert admin(db, "kecamatan", "pkwkk", "647102", "suara_sah") == (10,)


def test_form_for_tps_outside_master_list_is_not_counted(db, tmp_path):
    pkg = kaltim_mini()
    pkg.submit(form("6471011001009", "pkwkp", {1: 250, 2: 0}))
    recap(db, pkg.write(tmp_path / "pkg"))
    assert admin(db, "tps", "pkwkp", "6471011001009", "tps_total", "tps_masuk", "tps_lolos") == (0, 1, 0)
    assert votes(db, "desa", "pkwkp", "6471011001") == {1: 130, 2: 110}
    assert admin(db, "desa", "pkwkp", "6471011001", "status") == ("sementara",)


def test_unknown_ballot_number_stays_at_tps(db, tmp_path):
    pkg = kaltim_mini(skip=(T3, "pkwkp"))
    pkg.submit(form(T3, "pkwkp", {1: 10, 2: 20, 7: 5}))
    recap(db, pkg.write(tmp_path / "pkg"), held=[("pkwkp", "64", T3, T3)])
    assert votes(db, "tps", "pkwkp", T3) == {1: 10, 2: 20, 7: 5}
    assert votes(db, "desa", "pkwkp", "6471011002") == {1: 0, 2: 0}


def test_units_are_named_from_the_national_table(complete):
    row = run_sql(complete, "_util/count_rows", {"table": "wilayah"}).fetchone()[0]
    assert row > 90_000
    assert complete.execute("select nama from wilayah where kode = '647101'").fetchone() == ("Balikpapan Timur",)
