"""The plenary (rapat pleno) as data: adoption per unit in order, frozen figures, reopening with a
legal basis, the timetable, the MK window and the penetapan calon terpilih; every refused input
named by file, line and column with nothing published.

The package of test_koreksi: four TPS of Kota Balikpapan in kecamatan 647101 (A, B, C) and 647102
(D), the governor contest pkwkp 64 and the mayor contest pkwkk 6471, every form {1: 100, 2: 50}.
A first run publishes the release the plenaries adopt (`rilis`).
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from rekap.db import connect
from rekap.errors import InputError
from rekap.ingest.tables import load_package
from rekap.settings import RecapSettings
from rekap.stages.walk import recap_in_process
from test_koreksi import A, D, package

PLENO_HEADER = ("id,jenis,kode_kontes,tingkat,kode_wilayah,mulai,selesai,tempat,nomor_berita_acara,"
                "nomor_keputusan,rilis")
# (id, jenis, kontes, tingkat, unit, day of December 2024, decree) in the order the plenaries sit
ADOPTIONS = (
    ("P-1", "pkwkk", "6471", "kecamatan", "647101", 1, ""),
    ("P-2", "pkwkk", "6471", "kecamatan", "647102", 1, ""),
    ("P-3", "pkwkp", "64", "kecamatan", "647101", 1, ""),
    ("P-4", "pkwkp", "64", "kecamatan", "647102", 2, ""),
    ("P-5", "pkwkk", "6471", "kabkota", "6471", 5, "411/2024"),
    ("P-6", "pkwkp", "64", "kabkota", "6471", 5, ""),
    ("P-7", "pkwkp", "64", "provinsi", "64", 8, "149/2024"),
)


def pleno_lines(rilis: str, adoptions=ADOPTIONS) -> list[str]:
    return [f"{i},{j},{k},{t},{u},2024-12-{d:02d}T10:00:00+08:00,2024-12-{d:02d}T14:20:00+08:00,Aula KPU,"
            f"{n}/PL.02.7-BA/{u}/2024,{sk},{rilis}" for n, (i, j, k, t, u, d, sk) in enumerate(adoptions, 1)]


def write(pkg: Path, name: str, header: str, lines: list[str]) -> None:
    (pkg / name).write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")


def rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def status(release: Path) -> dict[tuple, tuple]:
    return {(r["jenis"], r["tingkat"], r["kode_wilayah"]): (r["status"], r["ketepatan"])
            for r in rows(release / "data" / "pleno.csv")}


def settings(pkg: Path, out: Path, **kw) -> RecapSettings:
    return RecapSettings(input_dir=pkg, out_dir=out, threads=2, memory_limit="1GB", reports=False, **kw)


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """The package and OUT after the first (provisional) run: the release the plenaries adopt."""
    base = tmp_path_factory.mktemp("pleno")
    pkg = package(base / "pkg")
    published = recap_in_process(settings(pkg, base / "out"))
    return {"pkg": pkg, "out": base / "out", "rilis": published.release_id, "path": published.path}


@pytest.fixture
def world(first, tmp_path):
    """A private copy of the package and OUT."""
    pkg, out = tmp_path / "pkg", tmp_path / "out"
    shutil.copytree(first["pkg"], pkg)
    shutil.copytree(first["out"], out, symlinks=True)
    return {"pkg": pkg, "out": out, "rilis": first["rilis"]}


def test_before_any_plenary_every_complete_unit_is_ready_and_nothing_is_adopted(first):
    got = status(first["path"])
    assert got[("pkwkk", "kecamatan", "647101")] == ("siap_pleno", "belum_jatuh_tempo")
    # a kab/kota whose kecamatan are not adopted is not ready for its plenary
    assert got[("pkwkk", "kabkota", "6471")] == ("belum_lengkap", "belum_jatuh_tempo")
    assert {s for s, _ in got.values()} == {"siap_pleno", "belum_lengkap"}
    terpilih = {r["jenis"]: r["tahap"] for r in rows(first["path"] / "data" / "calon_terpilih.csv")}
    assert terpilih == {"pkwkk": "hasil_belum_ditetapkan", "pkwkp": "hasil_belum_ditetapkan"}


def test_adopted_in_order_every_unit_is_adopted_on_time_and_the_mk_window_opens(world):
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"]))
    write(world["pkg"], "pleno_hadir.csv", "pleno_id,peran,nomor_urut,nama,tanda_tangan,alasan",
          ["P-5,anggota,,Ketua KPU,ya,", "P-5,saksi,1,Saksi Satu,ya,", "P-5,saksi,2,Saksi Dua,menolak,instruksi paslon"])
    write(world["pkg"], "keberatan.csv", "pleno_id,nomor,pengaju,nomor_urut,uraian,tanggapan,kode_tps",
          [f"P-5,1,saksi,2,Surat suara lebih di TPS 1,Dijelaskan; angka sesuai C.Hasil,{A}"])
    release = recap_in_process(settings(world["pkg"], world["out"])).path
    got = status(release)
    assert set(got.values()) == {("ditetapkan", "tepat_waktu")}
    kota = next(r for r in rows(release / "data" / "pleno.csv") if r["jenis"] == "pkwkk" and r["tingkat"] == "kabkota")
    assert (kota["nomor_keputusan"], kota["saksi_menolak"], kota["keberatan"], kota["zona"]) == ("411/2024", "1", "1", "WITA")
    assert [r["uraian"] for r in rows(release / "data" / "keberatan.csv")] == ["Surat suara lebih di TPS 1"]
    terpilih = {r["jenis"]: r for r in rows(release / "data" / "calon_terpilih.csv")}
    # Thu 5 Dec → 5, Fri 6, Mon 9 Dec; Sun 8 Dec → Mon 9, Tue 10, Wed 11 Dec (pleno.md §6)
    assert (terpilih["pkwkk"]["tahap"], terpilih["pkwkk"]["batas_sengketa"]) == ("masa_sengketa", "2024-12-09")
    assert (terpilih["pkwkp"]["tahap"], terpilih["pkwkp"]["batas_sengketa"]) == ("masa_sengketa", "2024-12-11")


def test_after_the_window_without_dispute_the_winner_can_be_set_and_a_dispute_holds_it(world):
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"]))
    write(world["pkg"], "sengketa.csv", "jenis,kode_kontes,nomor_perkara,diajukan_pada,putusan,dibacakan_pada",
          ["pkwkp,64,262/PHPU.GUB-XXIII/2025,2024-12-11T22:00:00+08:00,,"])
    release = recap_in_process(settings(world["pkg"], world["out"], sekarang="2024-12-20T00:00:00+08:00")).path
    terpilih = {r["jenis"]: r for r in rows(release / "data" / "calon_terpilih.csv")}
    assert terpilih["pkwkk"]["tahap"] == "calon_terpilih"
    assert (terpilih["pkwkk"]["nomor_urut"], terpilih["pkwkk"]["nama_paslon"], terpilih["pkwkk"]["batas_penetapan"]) \
        == ("1", "WALI SATU", "2024-12-12")
    assert terpilih["pkwkp"]["tahap"] == "sengketa_berjalan"
    # the ruling: not admitted, read 5 Feb 2025 → the winner is set within 3 days
    write(world["pkg"], "sengketa.csv", "jenis,kode_kontes,nomor_perkara,diajukan_pada,putusan,dibacakan_pada",
          ["pkwkp,64,262/PHPU.GUB-XXIII/2025,2024-12-11T22:00:00+08:00,tidak_dapat_diterima,2025-02-05T19:00:00+07:00"])
    release = recap_in_process(settings(world["pkg"], world["out"])).path
    gub = next(r for r in rows(release / "data" / "calon_terpilih.csv") if r["jenis"] == "pkwkp")
    assert (gub["tahap"], gub["putusan"], gub["batas_penetapan"]) == ("calon_terpilih", "tidak_dapat_diterima", "2025-02-08")


def test_a_granted_ruling_annuls_the_result_and_reopens_the_top_unit(world):
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"]))
    write(world["pkg"], "sengketa.csv", "jenis,kode_kontes,nomor_perkara,diajukan_pada,putusan,dibacakan_pada",
          ["pkwkp,64,262/PHPU.GUB-XXIII/2025,2024-12-11T22:00:00+08:00,dikabulkan_psu,2025-02-24T15:00:00+07:00"])
    release = recap_in_process(settings(world["pkg"], world["out"])).path
    assert status(release)[("pkwkp", "provinsi", "64")][0] == "dibuka_kembali"
    gub = next(r for r in rows(release / "data" / "calon_terpilih.csv") if r["jenis"] == "pkwkp")
    assert (gub["tahap"], gub["nomor_urut"]) == ("tindak_lanjut_putusan", "")


def test_late_and_overdue_plenaries_are_named_against_the_timetable(world):
    late = [a if a[0] != "P-5" else (*a[:5], 7, a[6]) for a in ADOPTIONS[:5]]  # kab/kota on 7 Dec: after 6 Dec
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"], late))
    release = recap_in_process(settings(world["pkg"], world["out"])).path
    got = status(release)
    assert got[("pkwkk", "kabkota", "6471")] == ("ditetapkan", "terlambat")
    assert got[("pkwkp", "kecamatan", "647102")] == ("ditetapkan", "tepat_waktu")
    # the governor's kab/kota plenary never sat; "now" (the latest plenary, 7 Dec) is past its 6 Dec deadline
    assert got[("pkwkp", "kabkota", "6471")] == ("siap_pleno", "lewat_jadwal")
    assert got[("pkwkp", "provinsi", "64")] == ("belum_lengkap", "belum_jatuh_tempo")


def test_a_correction_after_adoption_needs_its_legal_basis_and_reopens_the_units(world):
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"]))
    header = "id,kode_tps,jenis,kolom,nilai_lama,nilai_baru,tingkat,alasan,dokumen,dasar"
    # a recount moves 10 votes from pair 1 to pair 2 at TPS D (the form still adds up)
    recount = [f"K-9,{D},pkwkk,suara:1,100,90,kabkota,hitung ulang,BA-9,", f"K-10,{D},pkwkk,suara:2,50,60,kabkota,hitung ulang,BA-9,"]
    write(world["pkg"], "koreksi.csv", header, recount)
    before = os.readlink(world["out"] / "latest")
    with pytest.raises(InputError) as err:
        recap_in_process(settings(world["pkg"], world["out"]))
    assert (err.value.file, err.value.line, err.value.column) == ("koreksi.csv", 2, "dasar")
    assert "P-2" in err.value.problem and "kecamatan 647102" in err.value.problem
    assert os.readlink(world["out"] / "latest") == before  # nothing published
    write(world["pkg"], "koreksi.csv", header, [line + "Rekomendasi Bawaslu Kota Balikpapan 12/2024" for line in recount])
    reopened = recap_in_process(settings(world["pkg"], world["out"]))
    got = status(reopened.path)
    assert got[("pkwkk", "kecamatan", "647102")][0] == "dibuka_kembali"
    assert got[("pkwkk", "kabkota", "6471")][0] == "dibuka_kembali"
    assert got[("pkwkk", "kecamatan", "647101")][0] == "ditetapkan"  # untouched
    changed = [(r["kode_tps"], r["kolom"], r["lama"], r["baru"], r["sumber"])
               for r in rows(reopened.path / "data" / "changelog.csv")]
    assert changed == [(D, "suara:1", "100", "90", "koreksi:K-9"), (D, "suara:2", "50", "60", "koreksi:K-10")]
    # adopted again in new plenaries over the release that carries the correction
    again = [("P-8", "pkwkk", "6471", "kecamatan", "647102", 6, ""), ("P-9", "pkwkk", "6471", "kabkota", "6471", 7, "412/2024")]
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"]) + pleno_lines(reopened.release_id, again))
    got = status(recap_in_process(settings(world["pkg"], world["out"])).path)
    assert got[("pkwkk", "kecamatan", "647102")][0] == got[("pkwkk", "kabkota", "6471")][0] == "ditetapkan"


def test_adopted_figures_that_change_without_a_correction_are_refused(world):
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"]))
    suara = world["pkg"] / "suara_paslon.csv"
    text = suara.read_text(encoding="utf-8")  # one vote moves from pair 2 to pair 1: the form still adds up
    text = text.replace(f"{D},pkwkk,1,100", f"{D},pkwkk,1,101").replace(f"{D},pkwkk,2,50", f"{D},pkwkk,2,49")
    suara.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        recap_in_process(settings(world["pkg"], world["out"]))
    assert (err.value.file, err.value.line, err.value.column) == ("pleno.csv", 3, "rilis")
    assert "suara paslon 1: 100 → 101, suara paslon 2: 50 → 49" in err.value.problem


def _bad(world, name, header, lines):
    write(world["pkg"], name, header, lines)
    before = os.readlink(world["out"] / "latest")
    with pytest.raises(InputError) as err:
        recap_in_process(settings(world["pkg"], world["out"]))
    assert os.readlink(world["out"] / "latest") == before
    assert sorted(p.name for p in (world["out"] / "releases").iterdir()) == [world["rilis"]]
    return err.value


def _adoption(**change) -> str:
    row = dict(zip(("id", "jenis", "kode_kontes", "tingkat", "kode_wilayah"), ADOPTIONS[0][:5]))
    row |= {"mulai": "2024-12-01T10:00:00+08:00", "selesai": "2024-12-01T14:20:00+08:00", "tempat": "Aula",
            "nomor_berita_acara": "1/PL.02.7-BA/647101/2024", "nomor_keputusan": "", "rilis": "RILIS"}
    row |= change
    return ",".join(row.values())


@pytest.mark.parametrize("lines, line, column, words", [
    ([_adoption(kode_wilayah="647109")], 2, "kode_wilayah", "unit tidak dikenal"),
    ([_adoption(id="P-5", tingkat="kabkota", kode_wilayah="6471", nomor_keputusan="411/2024")], 2, "tingkat",
     "647101, 647102"),
    ([_adoption(), _adoption(id="P-1")], 3, "id", "lebih dari sekali"),
    ([_adoption(mulai="2024-11-26T10:00:00+08:00")], 2, "mulai", "sebelum hari pemungutan suara (2024-11-27)"),
    ([_adoption(nomor_berita_acara="BA kecamatan satu")], 2, "nomor_berita_acara", "tidak dapat dipakai"),
    ([_adoption(id="P-5", tingkat="kabkota", kode_wilayah="6471")], 2, "nomor_keputusan", "wajib di tingkat kabkota"),
    ([_adoption(nomor_keputusan="12/2024")], 2, "nomor_keputusan", "hanya untuk tingkat kabkota"),
    ([_adoption(selesai="2024-12-01T09:00:00+08:00")], 2, "selesai", "sebelum mulai"),
    ([_adoption(rilis="0123456789abcdef")], 2, "rilis", "tidak ada di"),
    ([_adoption(), _adoption(id="P-2", mulai="2024-12-02T10:00:00+08:00", selesai="2024-12-02T11:00:00+08:00")],
     3, "id", "sudah ditetapkan dalam rapat pleno P-1"),
])
def test_a_plenary_the_process_does_not_allow_is_refused_naming_line_and_column(world, lines, line, column, words):
    err = _bad(world, "pleno.csv", PLENO_HEADER, [l.replace("RILIS", world["rilis"]) for l in lines])
    assert (err.file, err.line, err.column) == ("pleno.csv", line, column), str(err)
    assert words in err.problem, str(err)


def test_a_witness_for_a_pair_not_in_the_contest_is_refused(world):
    write(world["pkg"], "pleno.csv", PLENO_HEADER, [_adoption(rilis=world["rilis"])])
    err = _bad(world, "pleno_hadir.csv", "pleno_id,peran,nomor_urut,nama,tanda_tangan",
               ["P-1,anggota,,Ketua PPK,ya", "P-1,saksi,3,Saksi Tiga,ya"])
    assert (err.file, err.line, err.column) == ("pleno_hadir.csv", 3, "nomor_urut")
    assert "nomor urut 3 tidak ada di kontes pkwkk 6471" in err.problem


def test_an_objection_naming_an_unknown_correction_is_refused(world):
    write(world["pkg"], "pleno.csv", PLENO_HEADER, [_adoption(rilis=world["rilis"])])
    err = _bad(world, "keberatan.csv", "pleno_id,nomor,pengaju,nomor_urut,uraian,tanggapan,kode_tps,koreksi_id",
               ["P-1,1,pengawas,,Prosedur,Dijelaskan,,K-404"])
    assert (err.file, err.line, err.column) == ("keberatan.csv", 2, "koreksi_id")


# --- the ordering rule over random adoption orders --------------------------------------------------


def _ingest_only(pkg: Path, db: Path) -> None:
    with connect(db, threads=1, memory_limit="512MB") as con:
        load_package(con, pkg)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(ADOPTIONS))))
def test_any_order_is_accepted_exactly_when_every_child_sat_before_its_parent(first, tmp_path_factory, order):
    """Plenaries in a random order, one per day: refused (naming the first parent that sat too early)
    exactly when some kab/kota or province plenary started before one of its children ended."""
    pkg = tmp_path_factory.mktemp("urutan") / "pkg"
    shutil.copytree(first["pkg"], pkg)
    sat = [(*ADOPTIONS[i][:5], day, ADOPTIONS[i][6]) for day, i in enumerate(order, 1)]
    write(pkg, "pleno.csv", PLENO_HEADER, pleno_lines(first["rilis"], sat))
    day = {(a[1], a[3], a[4]): a[5] for a in sat}
    child = {"kabkota": ("kecamatan", 6), "provinsi": ("kabkota", 4)}
    early = [n for n, a in enumerate(sat, 2) if a[3] in child and any(
        day[(a[1], child[a[3]][0], u)] >= a[5] for (j, t, u) in day if j == a[1] and t == child[a[3]][0])]
    if early:
        with pytest.raises(InputError) as err:
            _ingest_only(pkg, pkg.parent / "db.duckdb")
        assert (err.value.file, err.value.line, err.value.column) == ("pleno.csv", early[0], "tingkat")
    else:
        _ingest_only(pkg, pkg.parent / "db.duckdb")


# --- decree data in the reports -------------------------------------------------------------------

GOLDEN = Path(__file__).resolve().parents[2] / "golden"


def test_reports_carry_the_decree_signatures_and_objections(world):
    """The kab/kota D.Hasil and the penetapan print the plenary's place, time, numbers, who signed or
    refused and the objections (D.Kejadian Khusus); compared with a golden file (ids normalised)."""
    import re

    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"]))
    write(world["pkg"], "pleno_hadir.csv", "pleno_id,peran,nomor_urut,nama,tanda_tangan,alasan",
          ["P-5,anggota,,Ketua KPU Kota,ya,", "P-5,anggota,,Anggota Dua,ya,", "P-5,saksi,1,Saksi Satu,ya,",
           "P-5,saksi,2,Saksi Dua,menolak,instruksi paslon"])
    write(world["pkg"], "keberatan.csv", "pleno_id,nomor,pengaju,nomor_urut,uraian,tanggapan,kode_tps",
          [f"P-5,1,saksi,2,Surat suara lebih di TPS 1,Dijelaskan; angka sesuai C.Hasil,{A}"])
    release = recap_in_process(RecapSettings(input_dir=world["pkg"], out_dir=world["out"], threads=2,
                                             memory_limit="1GB", pdf=False)).path
    html = (release / "laporan" / "pkwkk-6471" / "kabkota-6471.html").read_text(encoding="utf-8")
    assert "Ditetapkan dalam rapat pleno terbuka di Aula KPU pada tanggal 5 Desember 2024 pukul 14.20 WITA" in html
    assert "Keputusan Nomor 411 Tahun 2024" in html and "5/PL.02.7-BA/6471/2024" in html
    assert "menolak menandatangani: instruksi paslon" in html and "MODEL D.KEJADIAN KHUSUS" in html
    assert "BELUM DITETAPKAN" not in html
    penetapan = (release / "laporan" / "pkwkk-6471" / "penetapan.html").read_text(encoding="utf-8")
    assert "NOMOR 411 TAHUN 2024" in penetapan
    normal = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", re.sub(r"\b[0-9a-f]{16}\b", "<rilis>", html))
    golden = GOLDEN / "pleno--pkwkk-6471--kabkota-6471.html"
    if os.environ.get("REKAP_UPDATE_GOLDEN") == "1":
        golden.write_text(normal, encoding="utf-8")
    assert normal == golden.read_text(encoding="utf-8")


# --- the portal ---------------------------------------------------------------------------------


def test_the_portal_says_provisional_or_adopted_and_lists_late_plenaries(world):
    import urllib.request

    from test_portal import running_server

    late = [a if a[0] != "P-5" else (*a[:5], 7, a[6]) for a in ADOPTIONS[:5]]  # kab/kota on 7 Dec: late
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"], late))
    rid = recap_in_process(settings(world["pkg"], world["out"])).release_id
    with running_server(world["out"]) as (_, base, _host, _port):
        def page(path: str) -> str:
            with urllib.request.urlopen(f"{base}{path}", timeout=30) as reply:
                return reply.read().decode("utf-8")

        kota = page(f"/rilis/{rid}/pkwkk-6471/6471")
        assert "Ditetapkan dalam rapat pleno kabupaten/kota (terlambat)" in kota
        assert "Keputusan Nomor 411 Tahun 2024" in kota
        provinsi = page(f"/rilis/{rid}/pkwkp-64/64")
        assert "Hasil sementara, belum ditetapkan dalam rapat pleno (belum lengkap" in provinsi
        release = page(f"/rilis/{rid}/")
        assert "Rapat pleno terlambat atau lewat jadwal (2)" in release  # the late one and the overdue one
        assert "terlambat, ditetapkan 2024-12-07T14:20:00+08:00" in release and "lewat jadwal" in release
        # the release the plenaries adopted was published before them: it still says provisional
        old = page(f"/rilis/{world['rilis']}/pkwkk-6471/6471")
        assert "Hasil sementara, belum ditetapkan dalam rapat pleno (belum lengkap" in old


def test_the_operator_summary_counts_statuses_and_names_late_plenaries(world):
    from rekap.pleno.summary import pleno_summary

    late = [a if a[0] != "P-5" else (*a[:5], 7, a[6]) for a in ADOPTIONS[:5]]
    write(world["pkg"], "pleno.csv", PLENO_HEADER, pleno_lines(world["rilis"], late))
    status, overdue = pleno_summary(recap_in_process(settings(world["pkg"], world["out"])).path)
    assert {(s["tingkat"], s["status"]): s["unit"] for s in status} == {
        ("Provinsi", "belum lengkap"): 1, ("Kabupaten/Kota", "ditetapkan pleno"): 1,
        ("Kabupaten/Kota", "siap pleno"): 1, ("Kecamatan", "ditetapkan pleno"): 4}
    assert [(r["jenis"], r["kode_wilayah"], r["keadaan"]) for r in overdue] == [
        ("pkwkk", "6471", "terlambat"), ("pkwkp", "6471", "lewat jadwal")]


def test_sample_plenaries_adopt_every_ready_unit_bottom_up_with_one_kabkota_late(world):
    """`rekap pleno contoh` (make demo): the plenaries it writes pass every rule of the next run."""
    from rekap.pleno.sample import write_sample_pleno

    done = write_sample_pleno(world["pkg"], world["out"])
    assert (done["pleno"], done["terlambat"], done["rilis"]) == (7, "6471", world["rilis"])
    got = status(recap_in_process(settings(world["pkg"], world["out"])).path)
    assert {k: v for k, v in got.items() if v != ("ditetapkan", "tepat_waktu")} == {
        ("pkwkk", "kabkota", "6471"): ("ditetapkan", "terlambat"), ("pkwkp", "kabkota", "6471"): ("ditetapkan", "terlambat")}
