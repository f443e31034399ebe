"""Sirekap-shaped per-TPS JSON in (`--input-format sirekap`): the same forms as a contract package
give the same recap on every field both carry; a field the portal lacks is filled as documented and
said; a bad JSON file stops the run (exit 2) naming the file and the JSON position."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest
from builders import Package, form

from rekap.stages.walk import recap_in_process
from rekap.contract import C_HASIL_COUNTS
from rekap.errors import InputError
from rekap.sample.write import write_sample
from rekap.settings import RecapSettings
from rekap.ingest.sirekap_conversion import FILL_RULES
from rekap.ingest.sirekap_forms import REQUIRED_KEYS
from rekap.ingest.sirekap_json import convert_folder

ROOT = Path(__file__).resolve().parents[3]

# the per-TPS keys the public portal is known to publish (docs/sirekap.md)
PORTAL_ADMINISTRASI = ("suara_sah", "suara_tidak_sah", "suara_total", "pemilih_dpt_j", "pemilih_dpt_l",
                       "pemilih_dpt_p", "pengguna_dpt_j", "pengguna_dpt_l", "pengguna_dpt_p")
# contract columns the portal does not publish: filled at conversion, so not compared
NOT_CARRIED = ("dpph_l", "dpph_p", "dptb_l", "dptb_p", "pengguna_dpph_l", "pengguna_dpph_p", "pengguna_dptb_l",
               "pengguna_dptb_p", "disabilitas_l", "disabilitas_p", "pengguna_disabilitas_l",
               "pengguna_disabilitas_p", "ss_diterima", "ss_rusak", "ss_tidak_digunakan")


def rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def to_sirekap(package: Path, folder: Path, *, lengkap: bool, nested: bool = False) -> Path:
    """The forms of a contract package as the portal's per-TPS JSON files (+ tps.csv).

    `lengkap`: every row of the C.Hasil-KWK form under its portal-style key; else only the keys the
    public portal publishes. `nested`: the portal's <prov>/<kab>/<kec>/<desa>/ tree."""
    ids: dict[tuple[str, str, int], str] = {}
    master: dict[str, dict] = {"pkwkk": {}, "pkwkp": {}}
    for i, p in enumerate(sorted(rows(package / "paslon.csv"),
                                 key=lambda r: (r["jenis"], r["kode_kontes"], int(r["nomor_urut"])))):
        pid = str(1000001 + i)
        ids[(p["jenis"], p["kode_kontes"], int(p["nomor_urut"]))] = pid
        nama = "KOLOM KOSONG - " if p["kolom_kosong"] == "true" else p["nama"]
        master[p["jenis"]].setdefault(p["kode_kontes"], {})[pid] = {
            "ts": "2024-11-21 21:55:15", "nama": nama, "warna": "#B67352", "nomor_urut": int(p["nomor_urut"])}
    (folder / "paslon").mkdir(parents=True)
    for jenis, contests in master.items():
        (folder / "paslon" / f"{jenis}.json").write_text(json.dumps(contests), encoding="utf-8")
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for v in rows(package / "suara_paslon.csv"):
        kontes = v["kode_tps"][:2] if v["jenis"] == "pkwkp" else v["kode_tps"][:4]
        pid = ids[(v["jenis"], kontes, int(v["nomor_urut"]))]
        votes.setdefault((v["kode_tps"], v["jenis"]), {})[pid] = int(v["suara"])
    for f in rows(package / "c_hasil.csv"):
        n = {c: int(f[c]) for c in C_HASIL_COUNTS}
        adm = {"suara_sah": n["suara_sah"], "suara_tidak_sah": n["suara_tidak_sah"], "suara_total": n["suara_total"]}
        for cat in ("dpt", "dpph", "dptb") if lengkap else ("dpt",):
            for who, prefix in (("pemilih", ""), ("pengguna", "pengguna_")):
                l, p = n[f"{prefix}{cat}_l"], n[f"{prefix}{cat}_p"]
                adm |= {f"{who}_{cat}_l": l, f"{who}_{cat}_p": p, f"{who}_{cat}_j": l + p}
        if lengkap:
            adm |= {"pemilih_total_j": n["pemilih_jumlah"], "pengguna_total_j": n["pengguna_jumlah"],
                    "pemilih_disabilitas_l": n["disabilitas_l"], "pemilih_disabilitas_p": n["disabilitas_p"],
                    "pengguna_disabilitas_l": n["pengguna_disabilitas_l"],
                    "pengguna_disabilitas_p": n["pengguna_disabilitas_p"],
                    "surat_diterima": n["ss_diterima"], "surat_dikembalikan": n["ss_rusak"],
                    "surat_tidak_digunakan": n["ss_tidak_digunakan"], "surat_digunakan": n["ss_digunakan"]}
        kode = f["kode_tps"]
        doc = {"mode": "hhcw", "tungsura": {"chart": votes.get((kode, f["jenis"]), {}), "administrasi": adm},
               "psu": None, "ts": "2024-11-28 10:15:00", "status_suara": True, "status_adm": True,
               "images": [f"https://example.invalid/{kode}-1.jpg"]}
        where = folder / f["jenis"]
        if nested:
            where = where.joinpath(kode[:2], kode[:4], kode[:6], kode[:10])
        where.mkdir(parents=True, exist_ok=True)
        (where / f"{kode}.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    (folder / "tps.csv").write_bytes((package / "tps.csv").read_bytes())
    return folder


def recap(folder: Path, out: Path, input_format: str = "csv") -> Path:
    settings = RecapSettings(input_dir=folder, out_dir=out, threads=2, memory_limit="1GB", reports=False,
                             input_format=input_format)
    return recap_in_process(settings).path


def tiny(folder: Path, *, outside_dpt: bool = False) -> Path:
    """Two contests (a governor race; a mayor race of one pair against the empty column), three TPS
    in two kecamatan. With `outside_dpt`, one TPS has three DPTb voters."""
    pkg = (Package().contest("pkwkp", "64", ["ANDI - BUDI", "CICI - DODI"])
           .contest("pkwkk", "6471", ["EKA - FAJAR"], kolom_kosong=True))
    for kode in ("6471011001001", "6471011001002", "6471021002001"):
        pkg.station(kode)
    pkg.submit(form("6471011001001", "pkwkp", {1: 120, 2: 80}))
    pkg.submit(form("6471011001001", "pkwkk", {1: 150, 2: 48}))
    pkg.submit(form("6471011001002", "pkwkp", {1: 60, 2: 140}, tidak_sah=5))
    pkg.submit(form("6471011001002", "pkwkk", {1: 90, 2: 113}))
    dptb = (2, 1) if outside_dpt else (0, 0)
    pkg.submit(form("6471021002001", "pkwkp", {1: 101, 2: 99}, dptb=dptb))
    pkg.submit(form("6471021002001", "pkwkk", {1: 100, 2: 100}, dptb=dptb))
    return pkg.write(folder)


@pytest.fixture(scope="module")
def balikpapan(tmp_path_factory) -> Path:
    return Path(write_sample("balikpapan", tmp_path_factory.mktemp("bpp") / "pkg", seed=11)["out"])


def test_full_forms_give_the_csv_paths_release_data(balikpapan, tmp_path):
    """Balikpapan (996 TPS, 2 contests) as full per-TPS JSON in the portal's tree: the same data files."""
    voters = rows(balikpapan / "c_hasil.csv")
    assert sum(int(f["pengguna_dpph_l"]) + int(f["pengguna_dptb_p"]) > 0 for f in voters) > 100
    csv_release = recap(balikpapan, tmp_path / "out-csv")
    json_release = recap(to_sirekap(balikpapan, tmp_path / "sirekap", lengkap=True, nested=True),
                         tmp_path / "out-json", "sirekap")
    for name in ("hasil.csv", "administrasi.csv", "penetapan.csv", "pengecualian.csv"):
        assert (json_release / "data" / name).read_bytes() == (csv_release / "data" / name).read_bytes(), name
    masukan = json.loads((json_release / "manifest.json").read_text(encoding="utf-8"))["masukan"]
    assert (masukan["format"], masukan["formulir"], masukan["kolom_diisi"]) == ("sirekap", 1992, {})
    assert len(masukan["sumber_sha256"]) == 64
    inputs = {d["file"] for d in json.loads((json_release / "manifest.json").read_text())["inputs"]}
    assert inputs == {"paslon.csv", "tps.csv", "c_hasil.csv", "suara_paslon.csv"}


def test_portal_keys_give_the_same_recap_on_the_fields_both_carry(tmp_path):
    pkg = tiny(tmp_path / "pkg")
    folder = to_sirekap(pkg, tmp_path / "sirekap", lengkap=False)
    one = json.loads((folder / "pkwkp" / "6471011001001.json").read_text())
    assert set(one["tungsura"]["administrasi"]) == set(PORTAL_ADMINISTRASI) == set(REQUIRED_KEYS)
    csv_release = recap(pkg, tmp_path / "out-csv")
    json_release = recap(folder, tmp_path / "out-json", "sirekap")
    for name in ("hasil.csv", "penetapan.csv"):
        assert (json_release / "data" / name).read_bytes() == (csv_release / "data" / name).read_bytes(), name
    carried = [c for c in rows(csv_release / "data" / "administrasi.csv")[0] if c not in NOT_CARRIED]
    want, got = rows(csv_release / "data" / "administrasi.csv"), rows(json_release / "data" / "administrasi.csv")
    assert [[r[c] for c in carried] for r in got] == [[r[c] for c in carried] for r in want]
    assert len(got) == 2 * (3 + 2 + 2 + 1) + 1  # per contest: TPS, desa, kecamatan, kabkota; + provinsi
    assert {r["status"] for r in got} == {"final"}
    # what the portal lacks is not carried over: zero (said so) or derived by an identity of the form
    top = next(r for r in got if r["tingkat"] == "kabkota" and r["jenis"] == "pkwkk")
    assert (top["disabilitas_l"], top["ss_rusak"], top["ss_tidak_digunakan"]) == ("0", "0", "0")
    assert top["ss_diterima"] == top["ss_digunakan"] == top["pengguna_jumlah"] == top["suara_total"]
    masukan = json.loads((json_release / "manifest.json").read_text(encoding="utf-8"))["masukan"]
    assert masukan["kolom_diisi"] == {c: {"formulir": 6, "aturan": FILL_RULES[c]} for c in FILL_RULES}


def test_voters_outside_the_dpt_cannot_be_shown_by_the_portal_keys_and_are_held(tmp_path):
    """The portal publishes only DPT voters: a TPS with DPTb voters cannot show that every vote had
    a voter, so the gate holds it (it is not guessed into DPTb). With the full form such TPS pass:
    the Balikpapan sample above has DPPh and DPTb voters."""
    pkg = tiny(tmp_path / "pkg", outside_dpt=True)
    portal = recap(to_sirekap(pkg, tmp_path / "portal", lengkap=False), tmp_path / "out-portal", "sirekap")
    held = {(r["kode_tps"], r["aturan"]) for r in rows(portal / "data" / "pengecualian.csv")
            if r["keparahan"] == "error" and r["kode_tps"]}
    assert held == {("6471021002001", "jumlah_suara_sama_pengguna")}
    tps = {(r["jenis"], r["kode_wilayah"]): r
           for r in rows(portal / "data" / "administrasi.csv") if r["tingkat"] == "tps"}
    assert tps[("pkwkp", "6471021002001")]["status"] == "sementara"
    assert tps[("pkwkp", "6471011001001")]["status"] == "final"


def test_conversion_says_what_it_filled_and_what_is_not_entered(tmp_path):
    folder = to_sirekap(tiny(tmp_path / "pkg"), tmp_path / "sirekap", lengkap=False)
    pending = folder / "pkwkp" / "6471011001002.json"
    doc = json.loads(pending.read_text())
    doc["tungsura"]["chart"], doc["status_suara"] = None, False
    pending.write_text(json.dumps(doc))
    other = folder / "pkwkk" / "6471011001002.json"  # a key of the 2024 general election's shape
    doc = json.loads(other.read_text())
    doc["tungsura"]["administrasi"]["pengguna_non_dpt_j"] = 0
    other.write_text(json.dumps(doc))
    (folder / "pkwkp" / "64.json").write_text("{}")  # an aggregate file of a portal mirror
    conv = convert_folder(folder, tmp_path / "paket")
    assert (conv.files, conv.forms, conv.not_entered, conv.aggregates_skipped) == (6, 5, 1, 1)
    assert conv.status_false == {"status_suara": 1}
    text = "\n".join(conv.warnings())
    assert "1 berkas TPS belum terisi" in text
    assert "ss_rusak, ss_tidak_digunakan tidak ada di 5 formulir" in text
    assert "tungsura.administrasi.pengguna_non_dpt_j" in text
    forms = rows(tmp_path / "paket" / "c_hasil.csv")
    assert [(f["kode_tps"], f["jenis"]) for f in forms][:2] == [("6471011001001", "pkwkk"), ("6471011001002", "pkwkk")]
    assert forms[0]["diterima_pada"] == "2024-11-28 10:15:00"
    paslon = rows(tmp_path / "paket" / "paslon.csv")
    assert [(p["kode_kontes"], p["nama"], p["kolom_kosong"]) for p in paslon if p["jenis"] == "pkwkk"] == [
        ("6471", "EKA - FAJAR", "false"), ("6471", "KOLOM KOSONG", "true")]


def _broken(tmp_path: Path, edit) -> Path:
    folder = to_sirekap(tiny(tmp_path / "pkg"), tmp_path / "sirekap", lengkap=False)
    path = folder / "pkwkk" / "6471011001002.json"
    doc = json.loads(path.read_text())
    result = edit(doc)
    path.write_text(result if isinstance(result, str) else json.dumps(doc, indent=1))
    return folder


def _set(path: str, value):
    def edit(doc):
        *parents, last = path.split(".")
        node = doc
        for key in parents:
            node = node[key]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value
    return edit


_DELETE = object()


@pytest.mark.parametrize("edit, line, column, problem", [
    (lambda d: json.dumps(d, indent=1).replace('"suara_sah": 203,', '"suara_sah": 203'), 10, "4",
     "JSON tidak sah (Expecting ',' delimiter)"),
    (_set("tungsura.administrasi.suara_sah", "203"), None, "tungsura.administrasi.suara_sah",
     'harus bilangan bulat ≥ 0, bukan "203"'),
    (_set("tungsura.administrasi.suara_tidak_sah", -3), None, "tungsura.administrasi.suara_tidak_sah",
     "bilangan negatif -3"),
    (_set("tungsura.administrasi.pengguna_dpt_j", _DELETE), None, "tungsura.administrasi.pengguna_dpt_j",
     "kunci wajib tidak ada"),
    (_set("tungsura.chart.1000002", True), None, "tungsura.chart.1000002", "harus bilangan bulat ≥ 0, bukan true"),
    (_set("tungsura.chart.9999999", 5), None, "tungsura.chart.9999999", "tidak ada di paslon/pkwkk.json"),
    (_set("tungsura.administrasi", [1, 2]), None, "tungsura.administrasi", "harus objek JSON"),
    (_set("ts", "2024-02-30 10:00:00"), None, "ts", "tidak ada di kalender"),
    (_set("tungsura", _DELETE), None, "tungsura", "kunci wajib tidak ada"),
    (_set("tungsura.administrasi", _DELETE), None, "tungsura.administrasi", "kunci wajib tidak ada"),
    (_set("tungsura.chart", {"1000001": 90, "1000002": None}), None, "tungsura.chart.1000002",
     "harus bilangan bulat ≥ 0, bukan null"),
    (lambda d: '{"ts": null, "ts": "x"}', None, "ts", "kunci muncul lebih dari sekali"),
])
def test_bad_form_names_the_file_and_position(tmp_path, edit, line, column, problem):
    with pytest.raises(InputError) as err:
        convert_folder(_broken(tmp_path, edit), tmp_path / "paket")
    assert (err.value.file, err.value.line, err.value.column) == ("pkwkk/6471011001002.json", line, column)
    assert problem in err.value.problem


def test_pair_of_another_contest_is_refused(tmp_path):
    folder = _broken(tmp_path, _set("tungsura.chart.1000099", 5))
    master = json.loads((folder / "paslon" / "pkwkk.json").read_text())
    master["6472"] = {"1000099": {"nama": "GITA - HADI", "nomor_urut": 1, "ts": "2024-11-21 21:55:15"}}
    (folder / "paslon" / "pkwkk.json").write_text(json.dumps(master))
    with pytest.raises(InputError, match=r"kolom tungsura.chart.1000099: id paslon 1000099 milik kontes 6472, "
                                         r"bukan kontes TPS ini \(6471\)"):
        convert_folder(folder, tmp_path / "paket")


def test_bad_folder_names_the_file(tmp_path):
    folder = to_sirekap(tiny(tmp_path / "pkg"), tmp_path / "sirekap", lengkap=False)
    (folder / "pkwkk" / "tps-1.json").write_text("{}")
    with pytest.raises(InputError, match=r"pkwkk/tps-1.json: nama berkas harus kode TPS 13 digit"):
        convert_folder(folder, tmp_path / "a")
    (folder / "pkwkk" / "tps-1.json").unlink()
    (folder / "tps.csv").unlink()
    with pytest.raises(InputError, match=r"^tps.csv: berkas wajib tidak ada"):
        convert_folder(folder, tmp_path / "b")


def test_cli_refuses_a_broken_sirekap_folder_naming_file_line_and_column(tmp_path):
    """The installed CLI (its own temporary Prefect server): --input-format reaches the flow's ingest,
    whose conversion stops at the broken file: exit 2, one clear message, nothing published.
    (The good path runs the same stage functions in-process in the tests above.)"""
    folder = _broken(tmp_path, lambda d: json.dumps(d, indent=1).replace('"suara_sah": 203,', '"suara_sah": 203'))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    out = tmp_path / "out"
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "rekap"), "run", "--input-format", "sirekap", "--input",
                           str(folder), "--out", str(out), "--tanpa-laporan"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 2, proc.stderr
    assert ("rekap: masukan tidak dapat dipakai: pkwkk/6471011001002.json, baris 10, kolom 4: "
            "JSON tidak sah (Expecting ',' delimiter)") in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (out / "latest").exists()
