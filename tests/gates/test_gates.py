"""The quality gates: every rule of expectations/ on passing and on failing input, the holding of
what breaks an error rule, and a broken aggregation caught by parent = Σ children."""

from __future__ import annotations

import pytest

import rekap.sqlfiles
from builders import Package, form
from rekap.gates import Validator, run_gates
from rekap.ingest.tables import load_package
from rekap.domain import LEVEL_NAMES as LEVELS
from rekap.recap import build_forms, build_level, decide_penetapan
from rekap.sqlfiles import run_sql

A, B, C = "6471011001001", "6471011001002", "6471011002001"  # two desa of Balikpapan Timur


@pytest.fixture(scope="module")
def validator():
    return Validator()  # one GX context for the module: importing GX costs seconds


def package(**forms) -> Package:
    """Governor 64 (2 pairs) and mayor 6471 (2 pairs) at TPS A, B, C; `forms` replaces the form
    of (TPS, jenis) given as keyword `A_pkwkp=...` (None: not submitted)."""
    pkg = Package().contest("pkwkp", "64", ["GUB SATU", "GUB DUA"]).contest("pkwkk", "6471", ["WALI SATU", "WALI DUA"])
    codes = {"A": A, "B": B, "C": C}
    for name, kode in codes.items():
        pkg.station(kode)
        for jenis in ("pkwkp", "pkwkk"):
            key = f"{name}_{jenis}"
            row = forms.get(key, form(kode, jenis, {1: 100, 2: 50}))
            if row is not None:
                pkg.submit(row)
    return pkg


def gate_tps(db, tmp_path, validator, pkg: Package) -> list[tuple]:
    load_package(db, pkg.write(tmp_path / "pkg"))
    build_forms(db)
    run_gates(db, "tps", validator, tmp_path / "validasi")
    return db.execute("select kode_tps, jenis, aturan, keparahan, keterangan from temuan order by all").fetchall()


def rules(findings, severity=None) -> set[str]:
    return {f[2] for f in findings if severity is None or f[3] == severity}


def broken(kode=A, jenis="pkwkp", votes=None, **changes) -> dict:
    row = form(kode, jenis, votes or {1: 100, 2: 50})
    for key, value in changes.items():
        row[key] = row[key] + value if isinstance(value, int) and key in row else value
    return row


def test_clean_forms_pass_every_rule(db, tmp_path, validator):
    assert gate_tps(db, tmp_path, validator, package()) == []


ERROR_CASES = {
    # name: (form of TPS A for the governor contest, the error rules it must break)
    "pair votes off suara sah": (
        {**broken(), "_votes": {1: 107, 2: 50}}, {"suara_paslon_sama_suara_sah"}),
    "sah + tidak sah off total": (broken(suara_tidak_sah=3), {"sah_tambah_tidak_sah_sama_total"}),
    "total off voters": (broken(suara_total=1, suara_tidak_sah=1), {"jumlah_suara_sama_pengguna"}),
    "used ballots off voters": (broken(ss_digunakan=2, ss_tidak_digunakan=-2), {"surat_suara_digunakan_sama_pengguna"}),
    "voters off their breakdown": (broken(pengguna_dptb_l=1),
                                   {"pengguna_sama_rincian", "pengguna_dptb_l_melebihi_terdaftar"}),
    "registered off their breakdown": (broken(pemilih_jumlah=5), {"pemilih_sama_rincian"}),
    "ballots not balanced": (broken(ss_rusak=1), {"surat_suara_seimbang"}),
    "DPT users above DPT": (broken(dpt_l=-76, pemilih_jumlah=-76), {"pengguna_dpt_l_melebihi_terdaftar"}),
    "disabled users above registered": (broken(pengguna_disabilitas_p=2), {"pengguna_disabilitas_p_melebihi_terdaftar"}),
    "turnout above 100 %": (broken(dpt_l=-140, dpt_p=-140, pemilih_jumlah=-280),
                            {"partisipasi_melebihi_100_persen", "pengguna_dpt_l_melebihi_terdaftar",
                             "pengguna_dpt_p_melebihi_terdaftar"}),
    "unknown ballot number": ({**broken(), "_votes": {1: 100, 2: 50, 9: 4}},
                              {"paslon_tidak_dikenal", "suara_paslon_sama_suara_sah"}),
    "missing ballot number": ({**broken(), "_votes": {1: 100}}, {"paslon_tidak_lengkap", "suara_paslon_sama_suara_sah"}),
    "missing form": (None, {"formulir_belum_masuk"}),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_error_rule_holds_exactly_the_broken_tps(db, tmp_path, validator, case):
    row, expected = ERROR_CASES[case]
    findings = gate_tps(db, tmp_path, validator, package(A_pkwkp=row))
    assert rules(findings, "error") == expected
    assert {(f[0], f[1]) for f in findings if f[3] == "error"} == {(A, "pkwkp")}


def test_explanation_names_the_numbers(db, tmp_path, validator):
    findings = gate_tps(db, tmp_path, validator, package(A_pkwkp={**broken(), "_votes": {1: 136188, 2: 50}}))
    texts = {f[2]: f[4] for f in findings}
    assert texts["suara_paslon_sama_suara_sah"] == "Jumlah suara paslon 136.238 tidak sama dengan suara sah 150"
    assert texts["suara_melebihi_1_02_dpt"] == "Suara paslon 136.238 melebihi 1,02 × DPT 300"


def test_tps_outside_master_list_is_held(db, tmp_path, validator):
    pkg = package()
    pkg.submit(form("6471011001077", "pkwkp", {1: 100, 2: 50}))
    findings = gate_tps(db, tmp_path, validator, pkg)
    assert [(f[0], f[2], f[3]) for f in findings] == [("6471011001077", "tps_tidak_terdaftar", "error")]


def test_two_submissions_without_time_conflict(db, tmp_path, validator):
    pkg = package()
    pkg.submit(form(B, "pkwkk", {1: 90, 2: 60}))  # B's mayor form a second time, no time on either
    findings = gate_tps(db, tmp_path, validator, pkg)
    assert [(f[0], f[1], f[2]) for f in findings] == [(B, "pkwkk", "pengiriman_bertabrakan")]
    assert findings[0][4].startswith("2 formulir dikirim tanpa waktu pembeda")


def test_timed_resubmission_is_no_conflict(db, tmp_path, validator):
    pkg = package(B_pkwkk=form(B, "pkwkk", {1: 100, 2: 50}, diterima_pada="2024-11-27T14:00:00+08:00"))
    pkg.submit(form(B, "pkwkk", {1: 90, 2: 60}, diterima_pada="2024-11-28T09:00:00+08:00"))
    assert gate_tps(db, tmp_path, validator, pkg) == []


WARNING_CASES = {
    "votes above 1.02 x DPT": (form(A, "pkwkp", {1: 150, 2: 55}, dpt=(100, 100), dptb=(7, 0)),
                               {"suara_melebihi_1_02_dpt", "dpt_beda_dengan_daftar"}),
    "received ballots off the allowance": (broken(ss_diterima=50, ss_tidak_digunakan=50),
                                           {"surat_suara_diterima_menyimpang"}),
    "one pair has every vote": (form(A, "pkwkp", {1: 150, 2: 0}), {"satu_paslon_100_persen"}),
    "DPT differs from the master list": (form(A, "pkwkp", {1: 100, 2: 50}, dpt=(151, 150)), {"dpt_beda_dengan_daftar"}),
}


@pytest.mark.parametrize("case", list(WARNING_CASES))
def test_warning_rules_report_without_holding(db, tmp_path, validator, case):
    row, expected = WARNING_CASES[case]
    findings = gate_tps(db, tmp_path, validator, package(A_pkwkp=row))
    assert rules(findings, "error") == set()
    assert rules(findings, "warn") >= expected
    assert {f[0] for f in findings} == {A}


def test_voter_counts_differ_between_the_two_ballots(db, tmp_path, validator):
    findings = gate_tps(db, tmp_path, validator, package(A_pkwkk=form(A, "pkwkk", {1: 100, 2: 40})))
    assert [(f[1], f[2], f[3]) for f in findings] == [
        ("pkwkk", "pengguna_beda_antar_kontes", "warn"), ("pkwkp", "pengguna_beda_antar_kontes", "warn")]


def test_turnout_far_from_the_kecamatan_median(db, tmp_path, validator):
    # 285 of 300 voted at C; 152 at A and B
    pkg = package(C_pkwkp=form(C, "pkwkp", {1: 200, 2: 83}), C_pkwkk=form(C, "pkwkk", {1: 183, 2: 100}))
    findings = gate_tps(db, tmp_path, validator, pkg)
    assert [(f[0], f[1], f[2]) for f in findings] == [
        (C, "pkwkk", "partisipasi_jauh_dari_median"), (C, "pkwkp", "partisipasi_jauh_dari_median")]
    assert findings[0][4] == "Partisipasi 95,00 % berjarak lebih dari 30 poin dari median kecamatan 50,66 %"


# --------------------------------------------------------------------------- aggregated levels

def recap_with_gates(db, tmp_path, validator, pkg: Package):
    load_package(db, pkg.write(tmp_path / "pkg"))
    build_forms(db)
    run_gates(db, "tps", validator, tmp_path / "v")
    for level in LEVELS:
        build_level(db, level)
        if level != "tps":
            run_gates(db, level, validator, tmp_path / "v")
    decide_penetapan(db)
    run_gates(db, "penetapan", validator, tmp_path / "v")
    return db.execute("select tingkat, kode_wilayah, aturan, keparahan from temuan order by all").fetchall()


def test_clean_levels_and_penetapan_pass(db, tmp_path, validator):
    assert recap_with_gates(db, tmp_path, validator, package()) == []
    assert db.execute("select distinct status from penetapan").fetchall() == [("terpilih",)]


def test_held_tps_keeps_its_parents_provisional(db, tmp_path, validator):
    recap_with_gates(db, tmp_path, validator, package(A_pkwkp=broken(ss_rusak=1)))
    status = dict(db.execute("select kode_wilayah, status from administrasi where tingkat = 'desa' and jenis = 'pkwkp'").fetchall())
    assert status == {"6471011001": "sementara", "6471011002": "final"}
    assert db.execute("select status from administrasi where tingkat = 'provinsi'").fetchall() == [("sementara",)]
    assert dict(db.execute("select jenis, status from penetapan").fetchall()) == {"pkwkp": "sementara", "pkwkk": "terpilih"}


@pytest.mark.parametrize("wrong, right", [
    # the body of naik_tingkat (administrasi, kecamatan and up): max instead of sum
    ("sum(columns(a.* exclude (tingkat, jenis, kode_kontes, kode_wilayah, status)))::bigint,\n        case",
     "max(columns(a.* exclude (tingkat, jenis, kode_kontes, kode_wilayah, status)))::bigint,\n        case"),
    # the body of naik_suara (hasil, kecamatan and up)
    ("sum(h.suara)::bigint as suara,\n", "max(h.suara)::bigint as suara,\n"),
])
def test_broken_aggregation_sql_is_caught(db, tmp_path, validator, monkeypatch, wrong, right):
    original = rekap.sqlfiles.sql_text
    assert original("_macros/macros").count(wrong) == 1  # the aggregation only, never the check beside it

    def mutated(name: str) -> str:
        text = original(name)
        return text.replace(wrong, right) if name == "_macros/macros" else text

    monkeypatch.setattr(rekap.sqlfiles, "sql_text", mutated)
    run_sql(db, "_macros/macros")
    findings = recap_with_gates(db, tmp_path, validator, package())
    caught = {(f[0], f[1]) for f in findings if f[2] == "induk_sama_jumlah_anak" and f[3] == "error"}
    assert ("kecamatan", "647101") in caught
    assert db.execute("select distinct status from administrasi where tingkat = 'kecamatan'").fetchall() == [("sementara",)]
    assert db.execute("select distinct status from penetapan").fetchall() == [("sementara",)]


def test_unit_without_tps_in_the_master_list(db, tmp_path, validator):
    pkg = package()
    pkg.submit(form("6471011003001", "pkwkk", {1: 1, 2: 1}))  # desa Teritip has no TPS in the list
    findings = recap_with_gates(db, tmp_path, validator, pkg)
    assert ("desa", "6471011003", "unit_tanpa_tps", "error") in findings
    assert ("tps", "6471011003001", "tps_tidak_terdaftar", "error") in findings


def test_tie_is_reported_for_a_decision(db, tmp_path, validator):
    pkg = package(**{f"{n}_pkwkk": form(k, "pkwkk", {1: 75, 2: 75}) for n, k in (("A", A), ("B", B), ("C", C))})
    findings = recap_with_gates(db, tmp_path, validator, pkg)
    assert findings == [("kabkota", "6471", "penetapan_perlu_keputusan", "warn")]
    assert dict(db.execute("select jenis, status from penetapan").fetchall())["pkwkk"] == "seri"


def test_penetapan_that_disagrees_with_its_recap_is_not_determined(db, tmp_path, validator, monkeypatch):
    original = rekap.sqlfiles.sql_text
    monkeypatch.setattr(rekap.sqlfiles, "sql_text", lambda name: original(name).replace(
        "coalesce(u.suara_sah, 0) as suara_sah,", "coalesce(u.suara_sah, 0) + 1 as suara_sah,")
        if name == "penetapan/penetapan" else original(name))
    findings = recap_with_gates(db, tmp_path, validator, package())
    assert {f[2] for f in findings} == {"penetapan_suara_sah_sesuai_rekap", "penetapan_suara_sah_sama_jumlah_kolom"}
    assert db.execute("select distinct status from penetapan").fetchall() == [("sementara",)]
