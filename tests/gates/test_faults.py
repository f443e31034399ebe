"""A faulted Kaltim sample: the gates hold exactly the planted TPS, their kecamatan and parents
are provisional, every clean unit stays final, and pengecualian.csv explains each with numbers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rekap.sample.faults import FAULTS_FILE, KINDS, plant_faults
from rekap.sample.write import write_sample
from rekap.stages.walk import recap_in_process
from rekap.settings import RecapSettings


def rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def faulted(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    package = Path(write_sample("kaltim", base / "pkg", seed=11)["out"])
    planted = plant_faults(package, 2 * len(KINDS), seed=11)
    published = recap_in_process(RecapSettings(input_dir=package, out_dir=base / "out", pdf=False))
    return planted, published, package


def test_the_list_is_written_beside_the_package(faulted):
    planted, _, package = faulted
    listed = rows(package / FAULTS_FILE)
    assert [(r["kode_tps"], r["kesalahan"]) for r in listed] == [(f.kode_tps, f.kesalahan) for f in planted]
    assert {r["kesalahan"] for r in listed} == set(KINDS)
    assert len({r["kode_tps"] for r in listed}) == 16


def test_exactly_the_planted_tps_are_held(faulted):
    planted, published, _ = faulted
    findings = rows(published.path / "data" / "pengecualian.csv")
    held = {r["kode_tps"] for r in findings if r["keparahan"] == "error" and r["tingkat"] == "tps"}
    assert held == {f.kode_tps for f in planted}
    assert all(r["tingkat"] == "tps" for r in findings if r["keparahan"] == "error")
    for fault in planted:
        rules = {r["aturan"] for r in findings if r["kode_tps"] == fault.kode_tps and r["keparahan"] == "error"}
        assert fault.aturan in rules, fault


def test_each_finding_is_explained_with_its_numbers(faulted):
    planted, published, _ = faulted
    findings = rows(published.path / "data" / "pengecualian.csv")
    inflated = next(f for f in planted if f.kesalahan == "suara_digelembungkan")
    text = next(r["keterangan"] for r in findings
                if r["kode_tps"] == inflated.kode_tps and r["aturan"] == "suara_paslon_sama_suara_sah")
    assert text.startswith("Jumlah suara paslon 136.") and "tidak sama dengan suara sah" in text
    missing = next(f for f in planted if f.kesalahan == "formulir_hilang")
    assert any(r["kode_tps"] == missing.kode_tps and missing.kode_tps in r["keterangan"] for r in findings)


def test_only_the_units_above_held_tps_are_provisional(faulted):
    _, published, _ = faulted
    findings = rows(published.path / "data" / "pengecualian.csv")
    held = {(r["jenis"], r["kode_kontes"], r["kode_tps"]) for r in findings if r["keparahan"] == "error"}
    admin = rows(published.path / "data" / "administrasi.csv")
    width = {"desa": 10, "kecamatan": 6, "kabkota": 4, "provinsi": 2}
    for level, n in width.items():
        # a regent/mayor contest ends at its kab/kota
        expected = {(j, k, t[:n]) for j, k, t in held if level != "provinsi" or j == "pkwkp"}
        provisional = {(r["jenis"], r["kode_kontes"], r["kode_wilayah"]) for r in admin
                       if r["tingkat"] == level and r["status"] == "sementara"}
        assert provisional == expected, level
        assert level == "provinsi" or any(r["status"] == "final" for r in admin if r["tingkat"] == level)
    penetapan = {(r["jenis"], r["kode_kontes"]): r["status"] for r in rows(published.path / "data" / "penetapan.csv")}
    contests = {(j, k) for j, k, _ in held}
    assert {c for c, s in penetapan.items() if s == "sementara"} == contests
    assert len(penetapan) == 11 and len(contests) < 11


def test_held_numbers_do_not_move_up(faulted):
    planted, published, _ = faulted
    hasil = rows(published.path / "data" / "hasil.csv")
    inflated = next(f for f in planted if f.kesalahan == "suara_digelembungkan")
    at_tps = [r for r in hasil if r["tingkat"] == "tps" and r["kode_wilayah"] == inflated.kode_tps
              and r["jenis"] == inflated.jenis and r["nomor_urut"] == "1"]
    assert at_tps[0]["suara"] == "136188"  # shown where it was submitted, named as held
    desa = [r for r in hasil if r["tingkat"] == "desa" and r["kode_wilayah"] == inflated.kode_tps[:10]
            and r["jenis"] == inflated.jenis and r["nomor_urut"] == "1"]
    assert int(desa[0]["suara"]) < 136188


def test_summary_exit_status_is_provisional(faulted):
    import json

    _, published, _ = faulted
    manifest = json.loads((published.path / "manifest.json").read_text())
    assert manifest["exit_code"] == 3 and manifest["status"] == "sementara"
    assert manifest["summary"]["formulir_ditahan"] >= 16
