"""The bench's floor (bare DuckDB) and peer (pandas) do rekap's work: on a small package with
planted faults of every kind they hold the same TPS, find the same findings per rule and publish
the same kab/kota and province figures and decisions as rekap's release."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.agreement import compare, release_outcome
from bench.floor import run_floor
from bench.packages import Unsupported
from bench.peer_pandas import run_peer
from bench.subsets import cut
from bench.table import growth_exponent
from builders import Package, form


@pytest.fixture(scope="module")
def faulty(tmp_path_factory, sample_package):
    """Balikpapan (996 TPS, 2 contests) with 16 faults (two of each kind) and rekap's release of it."""
    from rekap.sample.faults import plant_faults
    from rekap.sample.write import write_sample
    from rekap.stages.walk import recap_in_process
    from rekap.settings import RecapSettings

    root = tmp_path_factory.mktemp("bench")
    pkg = root / "paket"
    shutil.copytree(sample_package("balikpapan", seed=7), pkg)  # write_sample("balikpapan", pkg, seed=7)
    faults = plant_faults(pkg, 16, seed=7)
    (pkg / "kesalahan_tertanam.csv").unlink()  # not part of the contract; rekap does not read it either
    published = recap_in_process(RecapSettings(input_dir=pkg, out_dir=root / "out", reports=False, threads=2))
    return pkg, faults, release_outcome(published.path)


@pytest.mark.parametrize("run", [run_floor, run_peer], ids=["floor", "peer"])
def test_contender_agrees_with_rekap_on_faulty_package(faulty, run):
    pkg, faults, rilis = faulty
    result = run(pkg)
    report = compare(result, rilis)
    assert report["agree"], report
    errors = {aturan: n for aturan, keparahan, n in result["temuan"] if keparahan == "error"}
    # every planted rule was found (rekap's release says the same, per the comparison above)
    assert {f.aturan for f in faults} <= set(errors)
    assert result["tps_lolos"] < 2 * 996 - 16


def test_compare_names_a_differing_figure(faulty):
    pkg, _, rilis = faulty
    result = run_floor(pkg)
    jenis, kode, tingkat, wilayah, nomor, suara = result["hasil_puncak"][0]
    result["hasil_puncak"][0] = [jenis, kode, tingkat, wilayah, nomor, suara + 1]
    report = compare(result, rilis)
    assert not report["agree"]
    assert report["hasil_puncak"]["differ"] == 2  # the release's row and the altered one
    assert {r[0] for r in report["hasil_puncak"]["first"]} == {"bench", "rilis"}


def _tiny(folder: Path) -> Path:
    p = Package().contest("pkwkk", "6471", ["A", "B"])
    for i in (1, 2):
        p.station(f"647101100100{i}")
    p.submit(form("6471011001001", "pkwkk", {1: 100, 2: 50}))
    p.submit(form("6471011001002", "pkwkk", {1: 10, 2: 90}, suara_tidak_sah=5))  # 2 + 150 ≠ 150+5
    return p.write(folder)


@pytest.mark.parametrize("run", [run_floor, run_peer], ids=["floor", "peer"])
def test_contender_hand_checked(tmp_path, run):
    result = run(_tiny(tmp_path))
    # the second TPS breaks sah + tidak sah = total and is held: only the first one counts
    assert result["hasil_puncak"] == [["pkwkk", "6471", "kabkota", "6471", 1, 100],
                                      ["pkwkk", "6471", "kabkota", "6471", 2, 50]]
    assert result["penetapan"] == [["pkwkk", "6471", "sementara", 1, 100]]
    assert ["sah_tambah_tidak_sah_sama_total", "error", 1] in result["temuan"]
    assert result["tps_lolos"] == 1


@pytest.mark.parametrize("run", [run_floor, run_peer], ids=["floor", "peer"])
def test_contender_refuses_what_it_does_not_implement(tmp_path, run):
    pkg = _tiny(tmp_path)
    (pkg / "koreksi.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(Unsupported, match="koreksi"):
        run(pkg)


def test_subset_keeps_whole_kabkota_and_their_contests(faulty, tmp_path):
    pkg, _, _ = faulty
    sub, info = cut(pkg, 10, tmp_path)
    assert info["kabkota"] == ["6471"] and info["tps"] >= 10
    assert (sub / "paslon.csv").read_text(encoding="utf-8") == (pkg / "paslon.csv").read_text(encoding="utf-8")
    assert run_floor(sub)["tps_lolos"] == run_floor(pkg)["tps_lolos"]


def test_growth_exponent():
    rows = [{"tps": 1000, "t": 1.0}, {"tps": 10000, "t": 10.0}, {"tps": 100000, "t": 400.0}]
    assert growth_exponent(rows[:2], "t") == pytest.approx(1.0)
    assert growth_exponent(rows, "t") == pytest.approx(1.602, abs=1e-3)
    assert growth_exponent(rows[:1], "t") is None
