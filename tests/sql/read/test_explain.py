"""Asal angka (rekap.explain): the TPS forms behind a published figure, as text and as a portal page.

One hand-checkable release (no Prefect): Kota Balikpapan, a governor's and a mayor's race.

    TPS            desa      pkwkp no.1 / no.2   pkwkk no.1 / no.2
    6471011001001  Manggar      300 / 200           100 / 390
    6471011001002  Manggar      310 / 190           120 / 370
    6471011002001  Lamaru       250 / 250           150 / 340   (pkwkk form broken: held)
    6471011002002  Lamaru          —                   —        (no form: missing)
    6471021001001  Baru Ilir    400 / 100           200 / 300

so kecamatan 647101's pkwkk suara:1 is 100 + 120 = 220 (the held 150 is not added) and its
pkwkp suara:1 is 300 + 310 + 250 = 860. The mayor's pair no. 2 is named `<script>…`.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from builders import Package, form
from rekap.cli import explain_command
from rekap.explain import ExplainError, explain, render_text
from rekap.stages.walk import recap_in_process
from rekap.portal import Portal
from rekap.settings import RecapSettings

SCRIPT_NAME = "<script>alert(1)</script>"
HELD, MISSING = "6471011002001", "6471011002002"
KOREKSI_ID = "koreksi0000000001"  # a copy of the release with a data/koreksi.csv
BROKEN_ID = "rusak00000000001"  # a copy whose hasil.csv was tampered with (figure + 1)

KOREKSI_CSV = """\
id,kode_tps,jenis,kode_kontes,kolom,nilai_lama,nilai_baru,nilai_formulir,diterapkan,alasan_penolakan,tingkat,alasan,dokumen
K-1,6471011001002,pkwkk,6471,suara:1,102,120,102,true,,kecamatan,salah salin dari plano,BA-PPK-647101-01
K-2,6471011001001,pkwkk,6471,suara:1,99,1000,100,false,nilai_lama_tidak_cocok,kecamatan,keberatan saksi,BA-PPK-647101-02
K-3,6471011001001,pkwkk,6471,suara:2,390,391,390,true,,kecamatan,kolom lain,BA-PPK-647101-03
K-4,6471011001001,pkwkp,64,suara:1,300,301,300,true,,kecamatan,kontes lain,BA-PPK-647101-04
K-5,6471021001001,pkwkk,6471,suara:1,200,201,200,true,,kecamatan,kecamatan lain,BA-PPK-647102-01
"""


def election_package(folder: Path) -> Path:
    pkg = (Package()
           .contest("pkwkp", "64", ["GUB SATU", "GUB DUA"])
           .contest("pkwkk", "6471", ["WALI SATU", SCRIPT_NAME]))
    voters = (400, 400)
    for kode in ("6471011001001", "6471011001002", HELD, MISSING, "6471021001001"):
        pkg.station(kode, dpt=voters)
    pkg.submit(form("6471011001001", "pkwkp", {1: 300, 2: 200}, dpt=voters))
    pkg.submit(form("6471011001001", "pkwkk", {1: 100, 2: 390}, dpt=voters))
    pkg.submit(form("6471011001002", "pkwkp", {1: 310, 2: 190}, dpt=voters))
    pkg.submit(form("6471011001002", "pkwkk", {1: 120, 2: 370}, dpt=voters))
    pkg.submit(form(HELD, "pkwkp", {1: 250, 2: 250}, dpt=voters))
    pkg.submit(form(HELD, "pkwkk", {1: 150, 2: 340}, dpt=voters, suara_total=999))  # broken: held
    pkg.submit(form("6471021001001", "pkwkp", {1: 400, 2: 100}, dpt=voters))
    pkg.submit(form("6471021001001", "pkwkk", {1: 200, 2: 300}, dpt=voters))
    return pkg.write(folder)


@dataclass
class Release:
    out: Path
    rid: str
    data: Path


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Release:
    base = tmp_path_factory.mktemp("explain")
    out = base / "out"
    published = recap_in_process(RecapSettings(
        input_dir=election_package(base / "pkg"), out_dir=out, threads=2, memory_limit="1GB",
        reports=False, pdf=False))
    rid = published.release_id
    releases = out / "releases"
    # copies beside it (OUT/latest keeps pointing at the real one)
    shutil.copytree(releases / rid, releases / KOREKSI_ID)
    (releases / KOREKSI_ID / "data" / "koreksi.csv").write_text(KOREKSI_CSV, encoding="utf-8")
    shutil.copytree(releases / rid, releases / BROKEN_ID)
    hasil = releases / BROKEN_ID / "data" / "hasil.csv"
    text = hasil.read_text(encoding="utf-8")
    tampered = text.replace("pkwkk,6471,kecamatan,647101,Balikpapan Timur,1,WALI SATU,220\n",
                            "pkwkk,6471,kecamatan,647101,Balikpapan Timur,1,WALI SATU,221\n")
    assert tampered != text
    hasil.write_text(tampered, encoding="utf-8")
    return Release(out, rid, releases / rid / "data")


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def published(release: Release, jenis: str, tingkat: str, kode: str, nomor: int) -> int:
    rows = [r for r in csv_rows(release.data / "hasil.csv")
            if (r["jenis"], r["tingkat"], r["kode_wilayah"], r["nomor_urut"]) == (jenis, tingkat, kode, str(nomor))]
    assert len(rows) == 1
    return int(rows[0]["suara"])


# --- the explanation ---------------------------------------------------------------------------

def test_kecamatan_votes_are_the_sum_of_the_counted_tps(release):
    e = explain(release.out, None, "kecamatan", "647101", "suara:1", "pkwkk")
    assert e.release_id == release.rid and len(e.kontes) == 1
    k = e.kontes[0]
    assert (k.jenis, k.kode_kontes, k.nama_wilayah) == ("pkwkk", "6471", "Balikpapan Timur")
    assert [t.kode_tps for t in k.tps] == ["6471011001001", "6471011001002", HELD, MISSING]
    assert [t.nama_desa for t in k.tps] == ["Manggar", "Manggar", "Lamaru", "Lamaru"]
    assert [t.nilai for t in k.tps] == [100, 120, 150, None]
    assert [t.status for t in k.tps] == ["dihitung", "dihitung", "ditahan", "belum_masuk"]
    counted = sum(t.nilai for t in k.tps if t.dihitung)
    assert counted == k.jumlah_dihitung == k.nilai_terbit == 220
    assert k.nilai_terbit == published(release, "pkwkk", "kecamatan", "647101", 1)
    assert k.cocok and e.cocok and k.masalah == ()
    assert k.label_kolom == "suara paslon nomor urut 1 (WALI SATU)"


def test_held_tps_is_listed_with_its_rule_and_left_out_of_the_sum(release):
    k = explain(release.out, None, "kecamatan", "647101", "suara:1", "pkwkk").kontes[0]
    held = next(t for t in k.tps if t.kode_tps == HELD)
    assert held.status == "ditahan" and not held.dihitung and held.nilai == 150
    rules = {r["aturan"] for r in csv_rows(release.data / "pengecualian.csv")
             if r["kode_tps"] == HELD and r["jenis"] == "pkwkk" and r["keparahan"] == "error"}
    assert rules and {f.aturan for f in held.temuan if f.keparahan == "error"} == rules
    assert any("999" in f.keterangan for f in held.temuan)
    assert k.jumlah_dihitung == 220 != 220 + held.nilai
    # the same TPS passed in the governor's race: counted there
    gub = explain(release.out, None, "kecamatan", "647101", "suara:1", "pkwkp").kontes[0]
    assert next(t for t in gub.tps if t.kode_tps == HELD).status == "dihitung"
    assert gub.jumlah_dihitung == gub.nilai_terbit == 300 + 310 + 250


def test_missing_tps_is_listed_as_missing(release):
    k = explain(release.out, None, "desa", "6471011002", "suara:2", "pkwkk").kontes[0]
    missing = next(t for t in k.tps if t.kode_tps == MISSING)
    assert missing.status == "belum_masuk" and missing.nilai is None and missing.di_daftar
    assert [f.aturan for f in missing.temuan] == ["formulir_belum_masuk"]
    assert k.jumlah_dihitung == k.nilai_terbit == 0  # the held TPS and the missing one: nothing counted
    assert k.banyak("ditahan") == 1 and k.banyak("belum_masuk") == 1


def test_both_contests_are_explained_when_jenis_is_omitted(release):
    e = explain(release.out, "latest", "kecamatan", "647101", "suara:1")
    assert [(k.jenis, k.kode_kontes) for k in e.kontes] == [("pkwkp", "64"), ("pkwkk", "6471")]
    for k in e.kontes:
        assert k.nilai_terbit == published(release, k.jenis, "kecamatan", "647101", 1) == k.jumlah_dihitung
    text = render_text(e)
    assert text.count("== Pemilihan") == 2
    assert "Pemilihan Gubernur dan Wakil Gubernur KALIMANTAN TIMUR (pkwkp 64)" in text
    assert "Pemilihan Wali Kota dan Wakil Wali Kota KOTA BALIKPAPAN (pkwkk 6471)" in text


def test_administrasi_column_at_kabkota_and_indonesian_numbers(release, capsys):
    e = explain(release.out, release.rid, "kabkota", "6471", "suara_sah", "pkwkk")
    k = e.kontes[0]
    admin = next(r for r in csv_rows(release.data / "administrasi.csv")
                 if (r["jenis"], r["tingkat"], r["kode_wilayah"]) == ("pkwkk", "kabkota", "6471"))
    assert k.nilai_terbit == int(admin["suara_sah"]) == 490 + 490 + 500 == k.jumlah_dihitung
    assert len(k.tps) == 5 and k.label_kolom == "suara sah"
    assert explain_command(release.out, None, "kabkota", "6471", "suara_sah", "pkwkk") == 0
    out = capsys.readouterr().out
    assert "Jumlah 3 TPS yang dihitung:" in out and "1.480" in out and "1480" not in out
    assert "Angka terbit kabupaten/kota:" in out
    assert "Sama: angka terbit sama dengan jumlah TPS yang dihitung." in out
    assert "belum masuk" in out and "ditahan" in out and "sah_tambah_tidak_sah_sama_total" in out


def test_tps_level_is_the_form_itself(release):
    k = explain(release.out, None, "tps", HELD, "suara:1", "pkwkk").kontes[0]
    assert [t.kode_tps for t in k.tps] == [HELD]
    assert k.nilai_terbit == k.jumlah_dihitung == 150 and k.cocok
    assert "TPS ini tidak dihitung" in render_text(explain(release.out, None, "tps", HELD, "suara:1", "pkwkk"))


@pytest.mark.parametrize("args, words", [
    (("tidak-ada", "kecamatan", "647101", "suara:1"), "rilis 'tidak-ada' tidak ada"),
    (("../..", "kecamatan", "647101", "suara:1"), "tidak ada"),
    ((None, "kecamatan", "647199", "suara:1"), "wilayah kecamatan 647199 tidak ada"),
    ((None, "kecamatan", "6471", "suara:1"), "harus 6 digit"),
    ((None, "kelurahan", "6471011001", "suara:1"), "tingkat 'kelurahan' tidak dikenal"),
    ((None, "kecamatan", "647101", "suara:9"), "nomor urut 9 tidak ada"),
    ((None, "kecamatan", "647101", "suara"), "kolom 'suara' tidak dikenal"),
    ((None, "kecamatan", "647101", "tps_total"), "kolom 'tps_total' tidak dikenal"),
    ((None, "kecamatan", "647101", "suara_sah; drop table hasil"), "tidak dikenal"),
])
def test_unknown_release_unit_or_column_is_a_clear_error(release, capsys, args, words):
    with pytest.raises(ExplainError, match=re.escape(words)):
        explain(release.out, *args)
    assert explain_command(release.out, *args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and words in captured.err and "Traceback" not in captured.err


def test_unknown_contest_for_the_unit(release):
    with pytest.raises(ExplainError, match="jenis 'pilpres' tidak dikenal"):
        explain(release.out, None, "kecamatan", "647101", "suara:1", "pilpres")
    # a province exists only in the governor's race
    with pytest.raises(ExplainError, match="provinsi 64 tidak ada dalam kontes pkwkk"):
        explain(release.out, None, "provinsi", "64", "suara:1", "pkwkk")


def test_no_release_yet(tmp_path, capsys):
    assert explain_command(tmp_path, None, "kecamatan", "647101", "suara:1") == 2
    assert "belum ada rilis" in capsys.readouterr().err


def test_corrections_that_touched_the_cells_are_listed(release):
    # the release itself: no corrections in the package (data/koreksi.csv absent or header-only)
    plain = explain(release.out, None, "kecamatan", "647101", "suara:1", "pkwkk")
    assert plain.kontes[0].koreksi == ()
    assert plain.koreksi_tersedia == (release.data / "koreksi.csv").exists()
    assert ("tidak ada koreksi yang menyentuh sel ini" if plain.koreksi_tersedia
            else "tidak memuat data/koreksi.csv") in render_text(plain)

    e = explain(release.out, KOREKSI_ID, "kecamatan", "647101", "suara:1", "pkwkk")
    k = e.kontes[0]
    assert e.koreksi_tersedia
    assert [c.id for c in k.koreksi] == ["K-2", "K-1"]  # by TPS: other columns, contests, kecamatan left out
    by_id = {c.id: c for c in k.koreksi}
    assert by_id["K-1"].diterapkan is True and (by_id["K-1"].nilai_lama, by_id["K-1"].nilai_baru) == (102, 120)
    assert by_id["K-2"].diterapkan is False and by_id["K-2"].alasan_penolakan == "nilai_lama_tidak_cocok"
    assert [c.id for c in next(t for t in k.tps if t.kode_tps == "6471011001002").koreksi] == ["K-1"]
    assert k.cocok and k.jumlah_dihitung == 220
    text = render_text(e)
    assert "Koreksi yang menyentuh sel ini (2):" in text
    assert "koreksi K-1 di pleno kecamatan: 102 → 120, diterapkan" in text
    assert ("koreksi K-2 di pleno kecamatan: 99 → 1.000 (nilai pada formulir 100), tidak diterapkan: "
            "nilai lama tidak cocok dengan nilai pada formulir") in text
    assert "BA-PPK-647101-01" in text and "K-3" not in text and "K-4" not in text and "K-5" not in text


def test_a_figure_that_does_not_add_up_is_reported_loudly(release, capsys):
    e = explain(release.out, BROKEN_ID, "kecamatan", "647101", "suara:1", "pkwkk")
    k = e.kontes[0]
    assert not k.cocok and not e.cocok and (k.jumlah_dihitung, k.nilai_terbit) == (220, 221)
    assert explain_command(release.out, BROKEN_ID, "kecamatan", "647101", "suara:1", "pkwkk") == 1
    captured = capsys.readouterr()
    assert "GALAT INTERNAL" in captured.out and "GALAT INTERNAL" in captured.err
    assert "(220)" in captured.err and "(221)" in captured.err


def test_reads_only_the_published_files(release, monkeypatch):
    # no live database is opened: only in-memory DuckDB over the release's CSVs
    import duckdb

    opened = []
    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda database=":memory:", *a, **kw: opened.append(database)
                        or real(database, *a, **kw))
    explain(release.out, None, "kecamatan", "647101", "suara:1", "pkwkk")
    assert opened and all(d == ":memory:" for d in opened)


# --- the portal page ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def portal(release) -> Portal:
    return Portal(release.out, cache_size=3, threads=2)


def page_rows(page: str) -> list[tuple[str, str, str]]:
    rows = re.findall(r'<tr data-kode="([0-9]+)" data-status="([a-z_]+)".*?<td class="kanan angka nilai">([^<]*)</td>',
                      page, re.S)
    return [(kode, status, html.unescape(nilai)) for kode, status, nilai in rows]


def test_portal_page_shows_the_same_list(release, portal):
    path = f"/rilis/{release.rid}/pkwkk-6471/647101/asal/suara-1"
    reply = portal.handle("GET", path)
    assert reply.status == 200
    page = reply.body.decode()
    k = explain(release.out, None, "kecamatan", "647101", "suara:1", "pkwkk").kontes[0]
    assert page_rows(page) == [(t.kode_tps, t.status, "—" if t.nilai is None else str(t.nilai)) for t in k.tps]
    assert '<dd class="angka" id="jumlah-dihitung">220</dd>' in page
    assert '<dd class="angka" id="nilai-terbit">220</dd>' in page
    assert 'id="cocok"' in page and 'id="galat-internal"' not in page
    assert "Jumlah suara 999" in page  # the held TPS's reason
    for t in k.tps:  # each TPS links to its own page
        assert f'href="/rilis/{release.rid}/pkwkk-6471/{t.kode_tps}"' in page
    assert portal.handle("GET", f"/rilis/{release.rid}/pkwkk-6471/{t.kode_tps}").status == 200


def test_unit_page_links_each_figure_to_its_explanation(release, portal):
    unit = portal.handle("GET", f"/rilis/{release.rid}/pkwkk-6471/647101").body.decode()
    hrefs = set(re.findall(r'href="([^"]*/asal/[^"]*)"', unit))
    base = f"/rilis/{release.rid}/pkwkk-6471"
    for expected in (f"{base}/647101/asal/suara-1", f"{base}/647101/asal/suara-2", f"{base}/647101/asal/suara_sah",
                     f"{base}/647101/asal/suara_tidak_sah", f"{base}/647101/asal/dpt_l",
                     f"{base}/647101/asal/pemilih_jumlah", f"{base}/6471011001/asal/suara-1"):
        assert expected in hrefs
    link = re.search(rf'<tr data-nomor="1"[^>]*>.*?<td class="[^"]*\bsuara\b[^"]*"><a class="asal" href="([^"]+)"',
                     unit, re.S)
    assert link and link.group(1) == f"{base}/647101/asal/suara-1"
    for href in sorted(hrefs):
        reply = portal.handle("GET", href)
        assert reply.status == 200, href
        assert b'id="galat-internal"' not in reply.body, href
    # a TPS page links its figures too; a missing TPS explains itself as missing
    tps = portal.handle("GET", f"{base}/{MISSING}/asal/suara-1").body.decode()
    assert page_rows(tps) == [(MISSING, "belum_masuk", "—")]


def test_portal_page_lists_corrections_and_reports_a_mismatch(release, portal):
    page = portal.handle("GET", f"/rilis/{KOREKSI_ID}/pkwkk-6471/647101/asal/suara-1").body.decode()
    assert re.findall(r'data-koreksi="([^"]+)"', page) == ["K-2", "K-1"]
    assert "tidak diterapkan: nilai lama tidak cocok dengan nilai pada formulir" in page
    broken = portal.handle("GET", f"/rilis/{BROKEN_ID}/pkwkk-6471/647101/asal/suara-1")
    assert broken.status == 200 and b'id="galat-internal"' in broken.body and b'id="cocok"' not in broken.body


@pytest.mark.parametrize("tail", [
    "647101/asal/suara-9", "647101/asal/suara-0", "647101/asal/suara-01", "647101/asal/suara:1",
    "647101/asal/suara%3A1", "647101/asal/tps_total", "647101/asal/foo", "647199/asal/suara-1",
    "64/asal/suara-1", "6472/asal/suara-1", "647101/asal", "647101/asal/suara-1/lagi",
    "647101/asal/..%2f..%2f..%2fetc%2fpasswd", "647101/asal/%2e%2e",
])
def test_portal_unknown_explanations_are_404(release, portal, tail):
    reply = portal.handle("GET", f"/rilis/{release.rid}/pkwkk-6471/{tail}")
    assert reply.status == 404, tail
    assert "Traceback" not in reply.body.decode()


def test_portal_page_is_read_only_escaped_and_latest_redirects(release, portal):
    path = f"/rilis/{release.rid}/pkwkk-6471/647101/asal/suara-2"
    page = portal.handle("GET", path).body.decode()
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert portal.handle("POST", path).status == 405
    moved = portal.handle("GET", "/rilis/latest/pkwkk-6471/647101/asal/suara-2")
    assert moved.status == 302 and moved.headers["Location"] == path


def test_cli_subcommand_explains_the_same_figure(release, capsys):
    from rekap.cli import main

    code = main(["explain", "--out", str(release.out), "--tingkat", "kecamatan", "--kode", "647101",
                 "--kolom", "suara:1", "--jenis", "pkwkk"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Balikpapan Timur (647101)" in printed and "220" in printed
    assert main(["explain", "--out", str(release.out), "--tingkat", "kecamatan", "--kode", "999999",
                 "--kolom", "suara:1"]) == 2
