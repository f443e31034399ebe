"""Corrections (koreksi.csv): applied on top of the form that counts only when nilai_lama matches,
in file order per cell; refused ones become findings that hold their TPS; the audit trail
(data/koreksi.csv) and the Koreksi annex of the D.Hasil reports.

Four TPS of Kota Balikpapan, every form {1: 100, 2: 50} unless said otherwise:
A, B in desa 6471011001 and C in desa 6471011002 (kecamatan 647101), D in kecamatan 647102;
the governor contest pkwkp 64 and the mayor contest pkwkk 6471, two pairs each.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from builders import Package, form, write_koreksi
from rekap.stages.walk import recap_in_process
from rekap.db import connect
from rekap.errors import InputError
from rekap.ingest.tables import load_package
from rekap.settings import RecapSettings

A, B, C, D = "6471011001001", "6471011001002", "6471011002001", "6471021001001"
ANNEX = "LAMPIRAN: KOREKSI HASIL PLENO"


def package(folder: Path, forms: dict | None = None, koreksi: list[tuple] = ()) -> Path:
    """`forms` replaces the form of (TPS, jenis) (None: not submitted)."""
    forms = forms or {}
    pkg = Package().contest("pkwkp", "64", ["GUB SATU", "GUB DUA"]).contest("pkwkk", "6471", ["WALI SATU", "WALI DUA"])
    for kode in (A, B, C, D):
        dpt = forms.get((kode, "dpt"), (150, 150))
        pkg.station(kode, dpt)
        for jenis in ("pkwkp", "pkwkk"):
            row = forms.get((kode, jenis), form(kode, jenis, {1: 100, 2: 50}, dpt=dpt))
            if row is not None:
                pkg.submit(row)
    pkg.write(folder)
    if koreksi:
        write_koreksi(folder, list(koreksi))
    return folder


def recap(folder: Path, out: Path):
    return recap_in_process(RecapSettings(input_dir=folder, out_dir=out, threads=2, memory_limit="1GB",
                                                   pdf=False))


def rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def votes(release: Path, jenis: str, tingkat: str) -> dict[tuple[str, str], int]:
    return {(r["kode_wilayah"], r["nomor_urut"]): int(r["suara"]) for r in rows(release / "data" / "hasil.csv")
            if r["jenis"] == jenis and r["tingkat"] == tingkat and r["suara"] != ""}


def tps_row(release: Path, kode: str, jenis: str) -> dict:
    [row] = [r for r in rows(release / "data" / "administrasi.csv")
             if r["tingkat"] == "tps" and r["kode_wilayah"] == kode and r["jenis"] == jenis]
    return row


# --------------------------------------------------------------------------- applied corrections

APPLIED = [
    # mayor contest at A: the two pairs' votes swapped by 10 (suara sah stays 150)
    ("K-1", A, "pkwkk", "suara:1", 100, 90),
    ("K-2", A, "pkwkk", "suara:2", 50, 60),
    # governor contest at C
    ("K-3", C, "pkwkp", "suara:1", 100, 99),
    ("K-4", C, "pkwkp", "suara:2", 50, 51),
    # a chain at D: 100 → 95 → 90, each checked against the value the previous one left
    ("K-5", D, "pkwkk", "suara:1", 100, 95),
    ("K-6", D, "pkwkk", "suara:1", 95, 90),
    ("K-7", D, "pkwkk", "suara:2", 50, 60),
]


@pytest.fixture(scope="module")
def applied(tmp_path_factory):
    base = tmp_path_factory.mktemp("koreksi-diterapkan")
    return recap(package(base / "pkg", koreksi=APPLIED), base / "out")


def test_applied_corrections_move_up_every_level(applied):
    rel = applied.path
    assert votes(rel, "pkwkk", "tps")[A, "1"] == 90 and votes(rel, "pkwkk", "tps")[A, "2"] == 60
    assert votes(rel, "pkwkk", "tps")[D, "1"] == 90 and votes(rel, "pkwkk", "tps")[D, "2"] == 60
    assert votes(rel, "pkwkk", "desa") == {("6471011001", "1"): 190, ("6471011001", "2"): 110,
                                           ("6471011002", "1"): 100, ("6471011002", "2"): 50,
                                           ("6471021001", "1"): 90, ("6471021001", "2"): 60}
    assert votes(rel, "pkwkk", "kecamatan") == {("647101", "1"): 290, ("647101", "2"): 160,
                                                ("647102", "1"): 90, ("647102", "2"): 60}
    assert votes(rel, "pkwkk", "kabkota") == {("6471", "1"): 380, ("6471", "2"): 220}
    assert votes(rel, "pkwkp", "provinsi") == {("64", "1"): 399, ("64", "2"): 201}


def test_applied_corrections_keep_the_release_final(applied):
    manifest = json.loads((applied.path / "manifest.json").read_text())
    assert manifest["exit_code"] == 0 and manifest["status"] == "final"
    assert rows(applied.path / "data" / "pengecualian.csv") == []


def test_audit_trail_lists_every_correction_in_file_order(applied):
    audit = rows(applied.path / "data" / "koreksi.csv")
    assert list(audit[0]) == ["id", "kode_tps", "jenis", "kode_kontes", "kolom", "nilai_lama", "nilai_baru",
                              "nilai_formulir", "diterapkan", "alasan_penolakan", "tingkat", "alasan", "dokumen"]
    got = [(r["id"], r["kode_kontes"], r["nilai_formulir"], r["diterapkan"], r["alasan_penolakan"]) for r in audit]
    assert got == [
        ("K-1", "6471", "100", "true", ""), ("K-2", "6471", "50", "true", ""),
        ("K-3", "64", "100", "true", ""), ("K-4", "64", "50", "true", ""),
        ("K-5", "6471", "100", "true", ""), ("K-6", "6471", "95", "true", ""),  # checked against K-5's 95
        ("K-7", "6471", "50", "true", ""),
    ]
    assert audit[0]["tingkat"] == "kecamatan" and audit[0]["dokumen"] == "BA-K-1"


def annex(release: Path, report: str) -> str:
    html = (release / "laporan" / f"{report}.html").read_text(encoding="utf-8")
    return html[html.index(ANNEX):] if ANNEX in html else ""


def test_annex_lists_the_corrections_under_each_unit(applied):
    rel = applied.path
    for report in ("pkwkk-6471/kecamatan-647101", "pkwkk-6471/kabkota-6471"):
        assert "K-1" in annex(rel, report) and "K-2" in annex(rel, report), report
    assert "K-5" not in annex(rel, "pkwkk-6471/kecamatan-647101")  # D is in kecamatan 647102
    text = annex(rel, "pkwkk-6471/kecamatan-647102")
    assert [k for k in ("K-1", "K-2", "K-3", "K-5", "K-6", "K-7") if f"<td>{k}</td>" in text] == ["K-5", "K-6", "K-7"]
    assert "Suara nomor urut 1 (WALI SATU)" in text and "TPS 001" in text
    kabkota = annex(rel, "pkwkk-6471/kabkota-6471")
    assert all(f"<td>{k}</td>" in kabkota for k in ("K-1", "K-2", "K-5", "K-6", "K-7"))
    assert "<td>K-3</td>" not in kabkota  # another contest
    for report in ("pkwkp-64/kecamatan-647101", "pkwkp-64/kabkota-6471", "pkwkp-64/provinsi-64"):
        text = annex(rel, report)
        assert "<td>K-3</td>" in text and "<td>K-4</td>" in text and "<td>K-1</td>" not in text, report
    assert annex(rel, "pkwkp-64/kecamatan-647102") == ""  # no correction under it: no annex


# --------------------------------------------------------------------------- refused corrections

REFUSED = [
    ("K-1", B, "pkwkk", "suara_sah", 480, 490),  # the form says 487
    ("K-2", A, "pkwkk", "suara_salah", 1, 2),  # no such column
    ("K-3", A, "pkwkk", "suara:9", 4, 5),  # no such ballot number
    ("K-4", C, "pkwkk", "suara:1", 100, 90),  # C sent no mayor form
    ("K-5", D, "pkwkk", "suara:1", 100, 101),  # applied, but pair votes then differ from suara sah
    ("K-6", D, "pkwkp", "suara:1", 100, 95),
    ("K-7", D, "pkwkp", "suara:1", 100, 90),  # K-6 left 95
]


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    base = tmp_path_factory.mktemp("koreksi-ditolak")
    forms = {(B, "dpt"): (250, 250),
             (B, "pkwkp"): form(B, "pkwkp", {1: 287, 2: 200}, dpt=(250, 250)),
             (B, "pkwkk"): form(B, "pkwkk", {1: 300, 2: 187}, dpt=(250, 250)),
             (C, "pkwkk"): None}
    return recap(package(base / "pkg", forms, REFUSED), base / "out")


def findings(release: Path) -> list[tuple]:
    return [(r["kode_tps"], r["jenis"], r["aturan"], r["keparahan"], r["keterangan"])
            for r in rows(release / "data" / "pengecualian.csv") if r["tingkat"] == "tps"]


def test_wrong_nilai_lama_is_refused_with_both_numbers(refused):
    assert (B, "pkwkk", "koreksi_nilai_lama_tidak_cocok", "error",
            "Koreksi K-1: nilai lama 480 tidak sama dengan nilai di formulir 487 (suara_sah)") in findings(refused.path)
    assert tps_row(refused.path, B, "pkwkk")["suara_sah"] == "487"  # not applied


def test_refused_correction_holds_its_tps_and_the_release_is_provisional(refused):
    row = tps_row(refused.path, B, "pkwkk")
    assert (row["tps_lolos"], row["status"]) == ("0", "sementara")
    assert votes(refused.path, "pkwkk", "desa")[("6471011001", "1")] == 0  # A and B are both held
    assert tps_row(refused.path, B, "pkwkp")["status"] == "final"  # the other contest's form is fine
    manifest = json.loads((refused.path / "manifest.json").read_text())
    assert manifest["exit_code"] == 3 and manifest["status"] == "sementara"


def test_unknown_column_ballot_number_or_missing_form_is_refused(refused):
    found = {(f[0], f[1], f[2]) for f in findings(refused.path) if f[2].startswith("koreksi_")}
    assert found == {
        (B, "pkwkk", "koreksi_nilai_lama_tidak_cocok"),
        (A, "pkwkk", "koreksi_kolom_tidak_dikenal"),  # K-2 and K-3
        (C, "pkwkk", "koreksi_tanpa_formulir"),
        (D, "pkwkp", "koreksi_nilai_lama_tidak_cocok"),  # K-7
    }
    texts = [f[4] for f in findings(refused.path) if f[2] == "koreksi_kolom_tidak_dikenal"]
    assert sorted(t.split(":")[0] for t in texts) == ["Koreksi K-2", "Koreksi K-3"]
    audit = {r["id"]: (r["diterapkan"], r["alasan_penolakan"], r["nilai_formulir"])
             for r in rows(refused.path / "data" / "koreksi.csv")}
    assert audit == {
        "K-1": ("false", "nilai_lama_tidak_cocok", "487"),
        "K-2": ("false", "kolom_tidak_dikenal", ""),
        "K-3": ("false", "kolom_tidak_dikenal", ""),
        "K-4": ("false", "formulir_tidak_ada", ""),
        "K-5": ("true", "", "100"),
        "K-6": ("true", "", "100"),
        "K-7": ("false", "nilai_lama_tidak_cocok", "95"),  # checked against the value K-6 left
    }


def test_corrected_form_goes_through_every_gate(refused):
    held = {(f[0], f[1], f[2]) for f in findings(refused.path) if f[3] == "error"}
    assert (D, "pkwkk", "suara_paslon_sama_suara_sah") in held  # K-5 applied: 101 + 50 against 150
    assert tps_row(refused.path, D, "pkwkk")["status"] == "sementara"
    assert votes(refused.path, "pkwkk", "tps")[D, "1"] == 101


def test_no_annex_for_refused_corrections(refused):
    assert "<td>K-1</td>" not in annex(refused.path, "pkwkk-6471/kecamatan-647101")
    assert "<td>K-5</td>" in annex(refused.path, "pkwkk-6471/kecamatan-647102")  # applied, though held


# --------------------------------------------------------------------------- input

def test_without_corrections_the_audit_trail_is_header_only(tmp_path):
    rel = recap(package(tmp_path / "pkg"), tmp_path / "out")
    assert (rel.path / "data" / "koreksi.csv").read_text().splitlines() == [
        "id,kode_tps,jenis,kode_kontes,kolom,nilai_lama,nilai_baru,nilai_formulir,diterapkan,alasan_penolakan,"
        "tingkat,alasan,dokumen"]
    assert annex(rel.path, "pkwkk-6471/kabkota-6471") == ""


def test_duplicate_correction_id_is_unusable_input(tmp_path):
    folder = package(tmp_path / "pkg", koreksi=[("K-1", A, "pkwkk", "suara:1", 100, 90),
                                                ("K-1", A, "pkwkk", "suara:2", 50, 60)])
    with connect(tmp_path / "db.duckdb") as con, pytest.raises(InputError) as caught:
        load_package(con, folder)
    assert (caught.value.file, caught.value.line, caught.value.column) == ("koreksi.csv", 3, "id")
    assert "lebih dari sekali" in caught.value.problem
