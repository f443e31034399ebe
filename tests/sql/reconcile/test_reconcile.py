"""`rekap reconcile`: a release against a Sirekap-shaped tree (its own, perturbed; KPU's real
snapshot slice) or against another release; the CSVs beside the release, the portal page, the CLI."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from rekap.cli import main
from rekap.sample.write import write_sample
from rekap.stages.walk import recap_in_process
from rekap.settings import RecapSettings
from rekap.sirekap.rekonsiliasi import ReconcileError, reconcile
from rekap.sirekap.tree import TreeError

SLICE = Path(__file__).parents[2] / "fixtures" / "sirekap"


@pytest.fixture(scope="module")
def published(tmp_path_factory, sample_package):
    """A Balikpapan sample (the Kaltim governor race on the city's 996 TPS, and its mayor race),
    shaped by the snapshot's kecamatan shares, recapped and published (no reports)."""
    base = tmp_path_factory.mktemp("rekonsiliasi")
    pkg = sample_package("balikpapan")  # shared: read only
    out = base / "out"
    pub = recap_in_process(RecapSettings(input_dir=pkg, out_dir=out, reports=False, threads=2))
    return out, pub


def units(result, status: str | None = None) -> set[tuple]:
    with (result.folder / "rekonsiliasi.csv").open(newline="", encoding="utf-8") as f:
        return {(r["jenis"], r["tingkat"], r["kode_wilayah"]) for r in csv.DictReader(f)
                if status is None or r["status_unit"] == status}


def rows(result) -> list[dict]:
    with (result.folder / "rekonsiliasi.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_release_carries_its_tree(published):
    out, pub = published
    manifest = json.loads((pub.path / "manifest.json").read_text())
    files = {o["file"] for o in manifest["outputs"]}
    assert {"sirekap/paslon/pkwkp.json", "sirekap/pkwkp/0.json", "sirekap/pkwkp/64/6471.json",
            "sirekap/pkwkk/64/6471/647101.json"} <= files
    # KPU's own ids: the sample's pairs are the real ones
    assert "1000054" in json.loads((pub.path / "sirekap/paslon/pkwkp.json").read_text())["64"]


def test_own_tree_agrees_and_exactly_the_perturbed_units_differ(published, tmp_path):
    out, pub = published
    same = reconcile(out, None, pub.path / "sirekap")
    assert same.total("beda") == same.total("tidak_sebanding") == 0
    assert same.total("sama") == len(units(same)) == 2 * (1 + 6 + 34) + 1  # + pkwkp's province

    copy = tmp_path / "pohon"
    shutil.copytree(pub.path / "sirekap", copy)
    # three figures changed, at three levels: a kab/kota (province's table), a kecamatan, a desa
    edit(copy / "pkwkp/64/64.json", lambda d: d["tungsura"]["table"]["6471"].update({"1000055": 0}))
    edit(copy / "pkwkp/64/6471.json", lambda d: d["tungsura"]["table"]["647103"].update(
        {"1000054": d["tungsura"]["table"]["647103"]["1000054"] + 1}))
    desa_file = copy / "pkwkk/64/6471/647101.json"
    desa = sorted(json.loads(desa_file.read_text())["tungsura"]["table"])
    edit(desa_file, lambda d: d["tungsura"]["table"][desa[0]].update({"1001092": 0}))
    # one desa row removed: on their side that desa is missing
    edit(desa_file, lambda d: d["tungsura"]["table"].pop(desa[1]))
    # a unit's own chart is not what is read when its parent's table lists it
    edit(copy / "pkwkk/64/6471/647102.json", lambda d: d["tungsura"]["chart"].update({"1001091": 1}))

    result = reconcile(out, None, copy)
    assert units(result, "beda") == {("pkwkp", "kabkota", "6471"), ("pkwkp", "kecamatan", "647103"),
                                     ("pkwkk", "desa", desa[0])}
    assert units(result, "tidak_sebanding") == {("pkwkk", "desa", desa[1])}
    assert result.total("sama") == same.total("sama") - 4
    by_key = {(r["jenis"], r["tingkat"], r["kode_wilayah"], r["nomor_urut"]): r for r in rows(result)}
    kec = by_key[("pkwkp", "kecamatan", "647103", "1")]
    assert int(kec["selisih"]) == -1 and kec["status"] == "beda"
    assert by_key[("pkwkp", "kecamatan", "647103", "2")]["status"] == "sama"  # the other pair of that unit
    gone = by_key[("pkwkk", "desa", desa[1], "1")]
    assert (gone["keterangan"], gone["suara_pembanding"], gone["status"]) == (
        "tidak_ada_di_pembanding", "", "tidak_sebanding")


def test_against_another_release_all_equal(published):
    out, pub = published
    result = reconcile(out, pub.release_id, out)  # OUT: its latest, i.e. the same release
    assert result.folder.name == f"rilis-{pub.release_id}"
    assert result.total("beda") == result.total("tidak_sebanding") == 0
    assert result.total("sama") == 2 * (1 + 6 + 34 + 996) + 1  # the CSVs: down to TPS


def test_against_real_snapshot_slice(published):
    """KPU's numbers of 28 Nov 2024 against a synthetic sample shaped by them: shape and counts."""
    out, pub = published
    result = reconcile(out, None, SLICE)
    summary = {(r["jenis"], r["tingkat"]): tuple(int(r[k]) for k in ("unit", "sama", "beda", "tidak_sebanding"))
               for r in result.summary}
    assert summary == {
        ("pkwkk", "kabkota"): (1, 0, 0, 1),  # KPU had 995 of 996 TPS in
        ("pkwkk", "kecamatan"): (6, 0, 5, 1),
        ("pkwkp", "provinsi"): (1, 0, 0, 1),  # the sample's province is Balikpapan's TPS only
        ("pkwkp", "kabkota"): (10, 0, 0, 10),  # 9 kab/kota not in the sample, 6471 at 994 of 996
        ("pkwkp", "kecamatan"): (6, 0, 5, 1),  # 647103: 252 of 254 TPS in
    }
    by_unit = {(r["jenis"], r["tingkat"], r["kode_wilayah"]): r for r in rows(result)}
    assert by_unit[("pkwkp", "provinsi", "64")]["keterangan"] == "jumlah_tps_beda"
    assert by_unit[("pkwkp", "kabkota", "6401")]["keterangan"] == "tidak_ada_di_rekap"
    kab = by_unit[("pkwkk", "kabkota", "6471")]
    assert (kab["keterangan"], kab["tps_progres_rekap"], kab["tps_progres_pembanding"]) == (
        "progres_tps_beda", "996", "995")
    kec = [r for r in rows(result) if r["tingkat"] == "kecamatan" and r["status"] == "beda"]
    assert kec and all(int(r["selisih"]) == int(r["suara_rekap"]) - int(r["suara_pembanding"]) for r in kec)
    assert {r["nama_wilayah"] for r in kec} >= {"Balikpapan Timur"}
    meta = json.loads((result.folder / "sumber.json").read_text())
    assert meta["pembanding"]["jenis"] == "sirekap"
    assert result.folder.name == "sirekap-" + meta["pembanding"]["sha256"][:16]


def test_same_inputs_same_folder_same_bytes(published):
    out, pub = published
    first = reconcile(out, None, SLICE)
    before = {p.name: p.read_bytes() for p in first.folder.iterdir()}
    second = reconcile(out, None, SLICE)
    assert second.folder == first.folder
    assert {p.name: p.read_bytes() for p in second.folder.iterdir()} == before
    assert not [p for p in first.folder.parent.iterdir() if p.name.startswith(".tmp")]
    # the release itself is untouched
    manifest = json.loads((pub.path / "manifest.json").read_text())
    assert not [o for o in manifest["outputs"] if "rekonsiliasi" in o["file"]]
    assert not (pub.path / "rekonsiliasi").exists()


def test_unusable_arguments(published, tmp_path):
    out, pub = published
    with pytest.raises(ReconcileError, match="rilis 'tidakada' tidak ada"):
        reconcile(out, "tidakada", SLICE)
    with pytest.raises(ReconcileError, match="bukan pohon Sirekap"):
        reconcile(out, None, tmp_path)
    with pytest.raises(ReconcileError, match="belum ada rilis"):
        reconcile(tmp_path, None, SLICE)
    broken = tmp_path / "rusak"
    shutil.copytree(SLICE, broken)
    (broken / "pkwkk/64/64.json").write_text("{")
    with pytest.raises(TreeError, match="pkwkk/64/64.json, baris 1, kolom 2"):
        reconcile(out, None, broken)


def test_cli_exit_codes(published, tmp_path, capsys):
    out, pub = published
    assert main(["reconcile", "--out", str(out), "--against", str(SLICE), "--tanpa-prefect"]) == 0
    assert "rekonsiliasi rilis" in capsys.readouterr().out
    assert main(["reconcile", "--out", str(out), "--release", "nope", "--against", str(SLICE)]) == 2
    assert "rilis 'nope' tidak ada" in capsys.readouterr().err
    assert main(["reconcile", "--out", str(out), "--against", str(tmp_path)]) == 2
    broken = tmp_path / "rusak"
    shutil.copytree(SLICE, broken)
    (broken / "pkwkp/0.json").write_text('{"mode": "hhcw"}')
    assert main(["reconcile", "--out", str(out), "--against", str(broken), "--tanpa-prefect"]) == 2
    assert "pkwkp/0.json: bukan agregat Sirekap" in capsys.readouterr().err


def test_portal_page(published):
    from rekap.portal.routes import Portal

    out, pub = published
    reconcile(out, None, SLICE)
    portal = Portal(out)
    page = portal.handle("GET", f"/rilis/{pub.release_id}/rekonsiliasi")
    assert page.status == 200
    html = page.body.decode()
    assert "Rekonsiliasi rilis" in html and "tidak_ada_di_rekap".replace("_", " ") in html
    assert "<script" not in html and "style=" not in html
    assert portal.handle("GET", "/rilis/latest/rekonsiliasi").status == 302
    assert portal.handle("GET", "/rilis/0000000000000000/rekonsiliasi").status == 404
    assert f"/rilis/{pub.release_id}/rekonsiliasi" in portal.handle("GET", f"/rilis/{pub.release_id}/").body.decode()


@pytest.mark.e2e
def test_flow_makes_a_table_artifact(prefect_api, published, tmp_path, capsys):
    """Through Prefect (the CLI's default): the flow's table artifact carries the summary; a broken
    tree fails the flow and the CLI exits 2 naming the file."""
    import asyncio

    from prefect.client.orchestration import get_client

    from flows.rekonsiliasi import reconcile_flow

    out, pub = published
    state = reconcile_flow(out, None, SLICE, return_state=True)
    assert state.is_completed()
    broken = tmp_path / "rusak"
    shutil.copytree(SLICE, broken)
    (broken / "pkwkk/64/6471.json").write_text("[]")
    assert main(["reconcile", "--out", str(out), "--against", str(broken)]) == 2
    assert "pkwkk/64/6471.json: bukan agregat Sirekap" in capsys.readouterr().err

    async def artifact():
        async with get_client() as client:
            from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[f"rekonsiliasi-{pub.release_id}"])))
            return found

    found = asyncio.run(artifact())
    assert found and found[0].type == "table"
    assert "tidak_sebanding" in json.dumps(found[0].data)
