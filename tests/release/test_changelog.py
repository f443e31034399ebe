"""The changelog of a release (data/changelog.csv): every TPS-level figure that changed against the
previous release (OUT/latest), with its source; header-only for a first release; a re-run of the
same input publishes nothing new; same previous release + same input → same bytes.

Three TPS of the mayor contest pkwkk 6471 (two pairs): A, B in desa 6471011001, C in 6471021001.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from builders import Package, form, write_koreksi
from rekap.stages.walk import recap_in_process
from rekap.contract import C_HASIL_COUNTS
from rekap.settings import RecapSettings

A, B, C = "6471011001001", "6471011001002", "6471021001001"
HEADER = "kode_tps,jenis,kolom,lama,baru,sumber"
EARLY, LATE = "2024-11-27T14:00:00+08:00", "2024-11-28T09:00:00+08:00"


def package(folder: Path, forms: dict | None = None, extra: list[dict] = (), koreksi: list[tuple] = ()) -> Path:
    """Every TPS sends {1: 100, 2: 50} at EARLY unless `forms` replaces it (None: not sent);
    `extra` forms are sent after them (resubmissions)."""
    forms = forms or {}
    pkg = Package().contest("pkwkk", "6471", ["SATU", "DUA"])
    for kode in (A, B, C):
        pkg.station(kode)
        row = forms.get(kode, form(kode, "pkwkk", {1: 100, 2: 50}, diterima_pada=EARLY))
        if row is not None:
            pkg.submit(row)
    for row in extra:
        pkg.submit(row)
    pkg.write(folder)
    if koreksi:
        write_koreksi(folder, list(koreksi))
    return folder


def run(folder: Path, out: Path):
    return recap_in_process(RecapSettings(input_dir=folder, out_dir=out, threads=2, memory_limit="1GB",
                                                   reports=False))


def changelog(published) -> list[tuple]:
    with (published.path / "data" / "changelog.csv").open(newline="", encoding="utf-8") as f:
        return [(r["kode_tps"], r["jenis"], r["kolom"], r["lama"], r["baru"], r["sumber"]) for r in csv.DictReader(f)]


def manifest(published) -> dict:
    return json.loads((published.path / "manifest.json").read_text())


def test_first_release_has_a_header_only_changelog(tmp_path):
    first = run(package(tmp_path / "pkg"), tmp_path / "out")
    assert (first.path / "data" / "changelog.csv").read_text() == HEADER + "\n"
    assert manifest(first)["changelog"] == {"dibandingkan_dengan": None}


def test_identical_input_publishes_no_new_release(tmp_path):
    out = tmp_path / "out"
    first = run(package(tmp_path / "pkg"), out)
    again = run(package(tmp_path / "pkg-copy"), out)  # the same bytes in another folder
    assert not again.new and again.release_id == first.release_id
    assert [p.name for p in (out / "releases").iterdir()] == [first.release_id]


def test_identical_input_stops_right_after_copying_it(tmp_path):
    out = tmp_path / "out"
    first = run(package(tmp_path / "pkg"), out)
    db_before = (out / "rekap.duckdb").stat().st_mtime_ns
    stages = []
    settings = RecapSettings(input_dir=package(tmp_path / "pkg-copy"), out_dir=out, threads=2, memory_limit="1GB",
                             reports=False)
    again = recap_in_process(settings, on_stage=stages.append)
    assert (again.release_id, again.new, stages) == (first.release_id, False, ["masukan"])  # not even ingest ran
    assert (out / "rekap.duckdb").stat().st_mtime_ns == db_before
    assert [p.name for p in (out / ".work").iterdir()] == []


def test_changed_tps_gives_one_new_release_naming_exactly_that_change(tmp_path):
    out = tmp_path / "out"
    first = run(package(tmp_path / "pkg1"), out)
    changed = form(B, "pkwkk", {1: 100, 2: 50}, diterima_pada=EARLY, disabilitas_l=2)
    second = run(package(tmp_path / "pkg2", {B: changed}), out)
    assert second.new and second.release_id != first.release_id
    assert sorted(p.name for p in (out / "releases").iterdir()) == sorted([first.release_id, second.release_id])
    assert os.readlink(out / "latest") == f"releases/{second.release_id}"
    assert changelog(second) == [(B, "pkwkk", "disabilitas_l", "1", "2", "perubahan_masukan")]
    assert manifest(second)["changelog"] == {"dibandingkan_dengan": first.release_id}
    # running the changed input again publishes nothing new: it still compares with the first release
    again = run(package(tmp_path / "pkg2-again", {B: changed}), out)
    assert not again.new and again.release_id == second.release_id
    assert len(list((out / "releases").iterdir())) == 2


def test_changed_votes_list_every_figure_of_the_form(tmp_path):
    out = tmp_path / "out"
    run(package(tmp_path / "pkg1"), out)
    old = form(A, "pkwkk", {1: 100, 2: 50}, diterima_pada=EARLY)
    new = form(A, "pkwkk", {1: 101, 2: 50}, diterima_pada=EARLY)
    second = run(package(tmp_path / "pkg2", {A: new}), out)
    expected = [(A, "pkwkk", c, str(old[c]), str(new[c]), "perubahan_masukan")
                for c in C_HASIL_COUNTS if old[c] != new[c]]
    assert [c[2] for c in expected] == ["pengguna_dpt_p", "pengguna_jumlah", "ss_tidak_digunakan", "ss_digunakan",
                                        "suara_sah", "suara_total"]
    assert changelog(second) == expected + [(A, "pkwkk", "suara:1", "100", "101", "perubahan_masukan")]


def test_resubmission_with_a_later_time_is_pengiriman_ulang(tmp_path):
    out = tmp_path / "out"
    run(package(tmp_path / "pkg1"), out)
    resent = form(A, "pkwkk", {1: 90, 2: 60}, diterima_pada=LATE)  # a re-vote: same voters, other votes
    second = run(package(tmp_path / "pkg2", extra=[resent]), out)
    assert changelog(second) == [(A, "pkwkk", "suara:1", "100", "90", "pengiriman_ulang"),
                                 (A, "pkwkk", "suara:2", "50", "60", "pengiriman_ulang")]


def test_correction_is_named_by_its_id(tmp_path):
    out = tmp_path / "out"
    run(package(tmp_path / "pkg1"), out)
    second = run(package(tmp_path / "pkg2", koreksi=[("K-1", A, "pkwkk", "suara:1", 100, 95),
                                                     ("K-2", A, "pkwkk", "suara:1", 95, 90),
                                                     ("K-3", A, "pkwkk", "suara:2", 50, 60)]), out)
    assert changelog(second) == [(A, "pkwkk", "suara:1", "100", "90", "koreksi:K-1+K-2"),
                                 (A, "pkwkk", "suara:2", "50", "60", "koreksi:K-3")]
    # a later correction of the same cell names only what the previous release did not have
    third = run(package(tmp_path / "pkg3", koreksi=[("K-1", A, "pkwkk", "suara:1", 100, 95),
                                                    ("K-2", A, "pkwkk", "suara:1", 95, 90),
                                                    ("K-3", A, "pkwkk", "suara:2", 50, 60),
                                                    ("K-4", A, "pkwkk", "suara:1", 90, 80),
                                                    ("K-5", A, "pkwkk", "suara:2", 60, 70)]), out)
    assert changelog(third) == [(A, "pkwkk", "suara:1", "90", "80", "koreksi:K-4"),
                                (A, "pkwkk", "suara:2", "60", "70", "koreksi:K-5")]


def test_form_that_comes_in_or_goes_away(tmp_path):
    out = tmp_path / "out"
    run(package(tmp_path / "pkg1", {C: None}), out)
    second = run(package(tmp_path / "pkg2"), out)
    rows = changelog(second)
    c_form = form(C, "pkwkk", {1: 100, 2: 50})
    assert rows == [(C, "pkwkk", c, "", str(c_form[c]), "formulir_baru") for c in C_HASIL_COUNTS] + [
        (C, "pkwkk", "suara:1", "", "100", "formulir_baru"), (C, "pkwkk", "suara:2", "", "50", "formulir_baru")]
    third = run(package(tmp_path / "pkg3", {B: None}), out)
    assert {r[0] for r in changelog(third)} == {B} and {r[5] for r in changelog(third)} == {"formulir_dicabut"}
    assert len(changelog(third)) == len(C_HASIL_COUNTS) + 2 and all(r[4] == "" for r in changelog(third))


def test_same_previous_release_and_input_give_the_same_bytes(tmp_path):
    pkg1 = package(tmp_path / "pkg1")
    pkg2 = package(tmp_path / "pkg2", extra=[form(A, "pkwkk", {1: 90, 2: 60}, diterima_pada=LATE)])
    outs = [tmp_path / "out-a", tmp_path / "out-b"]
    results = []
    for out in outs:
        run(pkg1, out)
        results.append(run(pkg2, out))
    a, b = results
    assert a.release_id == b.release_id
    assert (a.path / "data" / "changelog.csv").read_bytes() == (b.path / "data" / "changelog.csv").read_bytes()
    assert len(changelog(a)) == 2
