"""The Sirekap-shaped tree of a release (rekap.sirekap.keluar), read back with the parser that reads
KPU's real snapshot (rekap.sirekap.tree), and that parser on the committed slice of the snapshot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builders import Package, form
from rekap.ingest.tables import load_package
from rekap.domain import LEVEL_NAMES as LEVELS
from rekap.recap import build_forms, build_level, decide_penetapan
from rekap.sirekap.keluar import write_sirekap_tree
from rekap.sirekap.tree import TreeError, iter_figures, read_aggregate, read_paslon

SLICE = Path(__file__).parents[2] / "fixtures" / "sirekap"
A1, A2, B1, C1 = "6471011001001", "6471011001002", "6471021001001", "6472011001001"


def mini() -> Package:
    """Governor race 64 over 4 TPS in two kab/kota; mayor race 6471 (2 pairs); 6472 single pair."""
    pkg = (Package()
           .contest("pkwkp", "64", ["GUB SATU", "GUB DUA"])
           .contest("pkwkk", "6471", ["WALI SATU", "WALI DUA"])
           .contest("pkwkk", "6472", ["TUNGGAL"], kolom_kosong=True))
    votes = {A1: ({1: 100, 2: 50}, {1: 70, 2: 80}), A2: ({1: 30, 2: 60}, {1: 40, 2: 50}),
             B1: ({1: 7, 2: 3}, {1: 6, 2: 4}), C1: ({1: 1, 2: 2}, {1: 3, 2: 1})}
    for kode, (gov, local) in votes.items():
        pkg.station(kode)
        pkg.submit(form(kode, "pkwkp", gov))
        pkg.submit(form(kode, "pkwkk", local))
    pkg.forms[0]["diterima_pada"] = "2024-11-27T14:05:00+08:00"  # A1's governor form, WITA
    return pkg


def tree_of(db, folder: Path, pkg: Package, held: tuple = ()) -> Path:
    load_package(db, pkg.write(folder / "pkg"))
    build_forms(db)
    for jenis, kode_kontes, kode_tps in held:
        db.execute("insert into temuan values (?, ?, 'tps', ?, ?, 'uji', 'error', 'ditahan untuk uji')",
                   [jenis, kode_kontes, kode_tps[:10], kode_tps])
    for level in LEVELS:
        build_level(db, level)
    decide_penetapan(db)
    write_sirekap_tree(db, folder / "rilis")
    return folder / "rilis" / "sirekap"


@pytest.fixture
def tree(db, tmp_path):
    return tree_of(db, tmp_path, mini(), held=(("pkwkk", "6471", A2),))


def test_tree_has_kpu_layout_and_one_level_further(tree):
    files = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.json"))
    assert files == [
        "paslon/pkwkk.json", "paslon/pkwkp.json",
        "pkwkk/64/64.json",
        "pkwkk/64/6471.json", "pkwkk/64/6471/647101.json", "pkwkk/64/6471/647102.json",
        "pkwkk/64/6472.json", "pkwkk/64/6472/647201.json",
        "pkwkp/0.json", "pkwkp/64/64.json",
        "pkwkp/64/6471.json", "pkwkp/64/6471/647101.json", "pkwkp/64/6471/647102.json",
        "pkwkp/64/6472.json", "pkwkp/64/6472/647201.json",
    ]


def test_candidate_master_parsed_back(tree):
    paslon = read_paslon(tree)
    # not KPU's pairs: synthetic ids '9' + contest + ballot number; KPU's name for the empty column
    assert {k: (p.nomor_urut, p.nama, p.warna) for k, p in paslon.items() if k[1] == "6472"} == {
        ("pkwkk", "6472", "96472001"): (1, "TUNGGAL", "#B67352"),
        ("pkwkk", "6472", "96472002"): (2, "KOLOM KOSONG - ", "#8CB9BD"),
    }
    assert paslon[("pkwkp", "64", "964001")].ts == "2024-11-27 13:05:00"  # latest form of the race, WIB
    assert paslon[("pkwkk", "6471", "96471001")].ts == ""  # no times in that race


def test_aggregates_parsed_back_with_progress_and_held_tps(tree):
    kab = read_aggregate(tree, "pkwkp/64/6471.json")
    assert (kab.mode, kab.psu, kab.kode, kab.ts) == ("hhcw", "Reguler", "6471", "2024-11-27 13:05:00")
    assert kab.chart.suara == {"964001": 137, "964002": 113}
    assert (kab.progres.total, kab.progres.progres) == (3, 3)
    assert kab.table["647101"].suara == {"964001": 130, "964002": 110}
    assert kab.table["647102"].progres.persen == 100.0 and kab.table["647102"].status_progress is True

    # A2's mayor form is held: its desa counts 1 TPS of 2, and only A1's votes
    kec = read_aggregate(tree, "pkwkk/64/6471/647101.json")
    desa = kec.table[A1[:10]]
    assert desa.suara == {"96471001": 70, "96471002": 80} == kec.chart.suara
    assert (desa.progres.total, desa.progres.progres, desa.progres.persen) == (2, 1, 50.0)
    assert desa.status_progress is True and kec.ts == ""

    prov = read_aggregate(tree, "pkwkk/64/64.json")  # the province's regent/mayor races: progress only
    assert prov.chart.suara == {} and set(prov.table) == {"6471", "6472"}
    assert (prov.chart.progres.total, prov.chart.progres.progres) == (4, 3)
    national = read_aggregate(tree, "pkwkp/0.json")
    assert national.table["64"].suara == {"964001": 138, "964002": 115}


def test_same_shape_as_kpu_files(tree):
    ours = json.loads((tree / "pkwkp/64/6471.json").read_text())
    kpu = json.loads((SLICE / "pkwkp/64/6471.json").read_text())
    assert list(ours) == list(kpu)
    assert list(ours["tungsura"]) == list(kpu["tungsura"]) and list(ours["progres"]) == list(kpu["progres"])
    assert list(ours["tungsura"]["chart"]["progres"]) == list(kpu["tungsura"]["chart"]["progres"])
    row, kpu_row = ours["tungsura"]["table"]["647101"], kpu["tungsura"]["table"]["647101"]
    assert [k for k in row if not k.isdigit()] == [k for k in kpu_row if not k.isdigit()]
    assert {type(v) for v in row.values()} == {type(v) for v in kpu_row.values()}
    master = json.loads((tree / "paslon/pkwkp.json").read_text())["64"]["964001"]
    assert list(master) == list(json.loads((SLICE / "paslon/pkwkp.json").read_text())["64"]["1000054"])


def test_same_data_same_bytes(db, tree, tmp_path):
    again = tmp_path / "lagi"
    write_sirekap_tree(db, again)
    first = {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*.json")}
    assert first == {p.relative_to(again / "sirekap"): p.read_bytes() for p in (again / "sirekap").rglob("*.json")}


def test_kpu_pairs_keep_kpu_ids(db, tmp_path):
    # Balikpapan's mayor race with the pairs KPU lists (rekap/reference/paslon.csv): KPU's own ids
    import csv

    from rekap.reference import reference_file

    with reference_file("paslon.csv").open(encoding="utf-8") as f:
        names = [r["nama"] for r in csv.DictReader(f) if r["kode_kontes"] == "6471"]
    pkg = Package().contest("pkwkk", "6471", names)
    pkg.station(A1).submit(form(A1, "pkwkk", {1: 10, 2: 20, 3: 30}))
    tree = tree_of(db, tmp_path, pkg)
    assert sorted(read_paslon(tree)) == [("pkwkk", "6471", "1001091"), ("pkwkk", "6471", "1001092"),
                                         ("pkwkk", "6471", "1001093")]
    # the same race with one name changed is not KPU's: every id of the race is synthetic
    pkg.paslon[0] = ("pkwkk", "6471", 1, "ORANG LAIN", False)
    other = tree_of(db, tmp_path / "lain", pkg)
    assert sorted(k[2] for k in read_paslon(other)) == ["96471001", "96471002", "96471003"]


# --- the same parser on KPU's real snapshot (committed slice) -----------------------------------

def test_real_snapshot_slice_parses():
    paslon = read_paslon(SLICE)
    assert paslon[("pkwkp", "64", "1000054")].nomor_urut == 1
    kab = read_aggregate(SLICE, "pkwkp/64/6471.json")
    assert kab.chart.suara == {"1000054": 126727, "1000055": 171600}
    assert (kab.progres.total, kab.progres.progres, kab.chart.progres.persen) == (996, 994, 99.8)
    assert kab.ts == "2024-11-28 08:45:00"
    # KPU's property: the kecamatan rows add up to the kab/kota chart
    for pid, votes in kab.chart.suara.items():
        assert sum(r.suara[pid] for r in kab.table.values()) == votes
    figures = list(iter_figures(SLICE))
    kec = [f for f in figures if f.tingkat == "kecamatan"]
    assert len(kec) == 6 * 2 + 6 * 3  # 6 kecamatan × (2 governor pairs, 3 mayor pairs)
    assert {f.tingkat for f in figures} == {"provinsi", "kabkota", "kecamatan"}
    assert not [f for f in figures if f.jenis == "pkwkk" and f.tingkat == "provinsi"]


def test_broken_file_named_with_line_and_column(tmp_path):
    root = tmp_path / "pohon"
    shutil.copytree(SLICE, root)
    (root / "pkwkp/64/6471.json").write_text('{"mode": "hhcw",\n  "tungsura": {,}}')
    with pytest.raises(TreeError, match=r"pkwkp/64/6471.json, baris 2, kolom 16"):
        list(iter_figures(root))


def test_unknown_paslon_id_named(tmp_path):
    root = tmp_path / "pohon"
    shutil.copytree(SLICE, root)
    data = json.loads((root / "pkwkk/64/6471.json").read_text())
    data["tungsura"]["table"]["647101"]["9999999"] = 5
    (root / "pkwkk/64/6471.json").write_text(json.dumps(data))
    with pytest.raises(TreeError, match=r"pkwkk/64/6471.json: paslon 9999999 \(647101\)"):
        list(iter_figures(root))


def test_negative_votes_refused(tmp_path):
    root = tmp_path / "pohon"
    shutil.copytree(SLICE, root)
    data = json.loads((root / "pkwkp/64/64.json").read_text())
    data["tungsura"]["table"]["6401"]["1000054"] = -1
    (root / "pkwkp/64/64.json").write_text(json.dumps(data))
    with pytest.raises(TreeError, match=r"pkwkp/64/64.json table.6401 suara 1000054: bukan bilangan bulat"):
        list(iter_figures(root))
