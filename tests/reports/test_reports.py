"""Reports of a release: golden HTML, PDF text parity with the database, PDF pages as images, the
SEMENTARA watermark, escaping, XLSX contents and formula neutralisation, and deterministic bytes.

One tiny package, recapped once: Balikpapan Timur (3 desa, 4 TPS) and Balikpapan Barat (2 desa,
2 TPS), a governor and a mayor contest. One governor form in Balikpapan Barat breaks an error rule,
so the governor contest is provisional from that kecamatan up; the mayor contest is final.
"""

from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from builders import Package, form
from rekap.stages.walk import recap_in_process
from rekap.reports import render_reports
from rekap.reports.data import load
from rekap.reports.env import render
from rekap.reports.fmt import angka, persen
from rekap.reports.formulir import konteks, tabel
from rekap.reports.kontes import konteks_penetapan
from rekap.settings import RecapSettings

GOLDEN = Path(__file__).parents[1] / "golden"
IDENTITY = {"release_id": "uji-rilis-0001", "data_sha256": "0123456789abcdef" * 4}
SCRIPT = "<script>alert(1)</script> - WAKIL SATU"
FORMULA = '=HYPERLINK("http://contoh.test","klik") - WAGUB DUA'
POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed")

# kode TPS, DPT (L, P), DPTb (L, P), governor votes, mayor votes
STATIONS = [
    ("6471011001001", (160, 150), (0, 0), {1: 120, 2: 95}, {1: 101, 2: 117}),
    ("6471011001002", (140, 145), (0, 0), {1: 88, 2: 130}, {1: 140, 2: 75}),
    ("6471011002001", (155, 150), (2, 1), {1: 97, 2: 103}, {1: 99, 2: 109}),
    ("6471011003001", (150, 152), (0, 0), {1: 111, 2: 92}, {1: 86, 2: 123}),
    ("6471021001001", (149, 151), (0, 0), {1: 105, 2: 98}, {1: 93, 2: 112}),
    ("6471021002001", (150, 150), (0, 0), {1: 100, 2: 50}, {1: 110, 2: 92}),
]
BROKEN = "6471021002001"  # its governor form: pair votes 157 against suara sah 150


def package(folder: Path) -> Path:
    pkg = Package().contest("pkwkp", "64", ["GUB SATU - WAGUB SATU", FORMULA])
    pkg.contest("pkwkk", "6471", [SCRIPT, "+WALI DUA - WAKIL DUA"])
    for kode, dpt, dptb, gub, wali in STATIONS:
        pkg.station(kode, dpt)
        row = form(kode, "pkwkp", gub, dpt=dpt, dptb=dptb)
        if kode == BROKEN:
            row["_votes"] = {1: 107, 2: 50}
        pkg.submit(row).submit(form(kode, "pkwkk", wali, dpt=dpt, dptb=dptb))
    return pkg.write(folder)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The run database of the package, its reports rendered twice (with PDF) and once without."""
    base = tmp_path_factory.mktemp("laporan")
    recap_in_process(RecapSettings(input_dir=package(base / "pkg"), out_dir=base / "out", threads=2,
                                            memory_limit="1GB", reports=False))
    db = base / "out" / "rekap.duckdb"
    files = {name: render_reports(db, base / name, **IDENTITY, pdf=pdf, workers=2)
             for name, pdf in (("a", True), ("b", True), ("html", False))}
    return {"db": db, "base": base, "files": files, "a": base / "a" / "laporan"}


def query(run, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(run["db"]), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def pdftext(path: Path, mode: str = "-layout") -> str:
    return subprocess.run(["pdftotext", mode, str(path), "-"], check=True, capture_output=True, text=True).stdout


# --- layout of the release ---------------------------------------------------------------------

def test_every_report_in_the_layout_the_portal_expects(run):
    reports = {
        "pkwkp-64": ["kecamatan-647101", "kecamatan-647102", "kabkota-6471", "provinsi-64", "penetapan",
                     "pengecualian"],
        "pkwkk-6471": ["kecamatan-647101", "kecamatan-647102", "kabkota-6471", "penetapan", "pengecualian"],
    }
    expected = {f"laporan/{c}.xlsx" for c in reports} | {"laporan/indeks.json"}
    expected |= {f"laporan/{c}/{r}.{ext}" for c, rs in reports.items() for r in rs for ext in ("html", "pdf")}
    root = run["base"] / "a"
    assert {p.relative_to(root).as_posix() for p in run["files"]["a"]} == expected
    assert run["files"]["a"] == sorted(run["files"]["a"]) and all(p.is_file() for p in run["files"]["a"])
    assert not [p for p in run["files"]["html"] if p.suffix == ".pdf"]


# --- golden HTML -------------------------------------------------------------------------------

@pytest.mark.parametrize("report", ["pkwkk-6471/kecamatan-647101", "pkwkk-6471/kabkota-6471",
                                    "pkwkk-6471/penetapan", "pkwkp-64/pengecualian"])
def test_html_matches_golden(run, report):
    html = (run["a"] / f"{report}.html").read_text(encoding="utf-8")
    golden = GOLDEN / f"{report.replace('/', '--')}.html"
    if os.environ.get("REKAP_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert golden.is_file(), f"{golden} missing: run with REKAP_UPDATE_GOLDEN=1 to create it"
    assert html == golden.read_text(encoding="utf-8")


# --- PDF text = database -----------------------------------------------------------------------

ROWS = [  # the figures of a D.Hasil form, top to bottom, as expressions over administrasi columns
    "dpt_l", "dpt_p", "dpt_l + dpt_p", "dpph_l", "dpph_p", "dpph_l + dpph_p", "dptb_l", "dptb_p", "dptb_l + dptb_p",
    "dpt_l + dpph_l + dptb_l", "dpt_p + dpph_p + dptb_p", "pemilih_jumlah",
    "pengguna_dpt_l", "pengguna_dpt_p", "pengguna_dpt_l + pengguna_dpt_p",
    "pengguna_dpph_l", "pengguna_dpph_p", "pengguna_dpph_l + pengguna_dpph_p",
    "pengguna_dptb_l", "pengguna_dptb_p", "pengguna_dptb_l + pengguna_dptb_p",
    "pengguna_dpt_l + pengguna_dpph_l + pengguna_dptb_l", "pengguna_dpt_p + pengguna_dpph_p + pengguna_dptb_p",
    "pengguna_jumlah", "ss_diterima", "ss_rusak", "ss_tidak_digunakan", "ss_digunakan",
    "suara:1", "suara:2", "suara_sah", "suara_tidak_sah", "suara_total",
    "disabilitas_l", "disabilitas_p", "disabilitas_l + disabilitas_p",
    "pengguna_disabilitas_l", "pengguna_disabilitas_p", "pengguna_disabilitas_l + pengguna_disabilitas_p",
    "tps_total", "tps_masuk", "tps_lolos",
]


def published(run, name: str) -> list[dict]:
    """The rows of one data file of the release the recap published (the figures of record)."""
    with (run["base"] / "out" / "latest" / "data" / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def expected_rows(run, child: str, parent: str, jenis: str, kode: str, width: int) -> list[list[str]]:
    """Each row of the form as hasil.csv / administrasi.csv give it: the children's figures by
    code, then the unit's own (JUMLAH AKHIR)."""
    admin = [r for r in published(run, "administrasi.csv") if r["jenis"] == jenis]
    votes = [r for r in published(run, "hasil.csv") if r["jenis"] == jenis]

    def units(rows, level):
        wanted = (lambda c: c[:width] == kode) if level == child else (lambda c: c == kode)
        return sorted((r for r in rows if r["tingkat"] == level and wanted(r["kode_wilayah"])),
                      key=lambda r: r["kode_wilayah"])

    out = []
    for expr in ROWS:
        figures = []
        for level in (child, parent):
            if expr.startswith("suara:"):
                rows = [r for r in units(votes, level) if r["nomor_urut"] == expr[6:]]
                figures += [angka(int(r["suara"])) for r in rows]
            else:
                figures += [angka(sum(int(r[c]) for c in expr.split(" + "))) for r in units(admin, level)]
        out.append(figures)
    return out


def assert_rows_in_order(text: str, rows: list[list[str]]) -> None:
    """Every row's figures appear side by side on one line, the rows in the form's order."""
    at = 0
    for row in rows:
        pattern = r"(?<![\d.,])" + r"[ ]+".join(re.escape(f) for f in row) + r"(?![\d.,])"
        found = re.compile(pattern).search(text, at)
        assert found, f"row {row} not found after offset {at}"
        at = found.end()


@needs_poppler
def test_kecamatan_pdf_figures_equal_the_database(run):
    text = pdftext(run["a"] / "pkwkk-6471/kecamatan-647101.pdf")
    rows = expected_rows(run, "desa", "kecamatan", "pkwkk", "647101", 6)
    assert len(rows[0]) == 4  # three desa and the total
    assert rows[28] == ["241", "99", "86", "426"]  # votes of pair 1: two TPS in Manggar, one each elsewhere
    assert_rows_in_order(text, rows)
    # the total's header may wrap within its column ("JUMLAH" / "AKHIR"): compare words, not lines
    words = " ".join(pdftext(run["a"] / "pkwkk-6471/kecamatan-647101.pdf", "-raw").split())
    for name in ("Manggar", "Lamaru", "Teritip", "JUMLAH AKHIR", "PANITIA PEMILIHAN KECAMATAN BALIKPAPAN TIMUR"):
        assert name in words
    assert "Halaman 1 dari 2" in text and IDENTITY["release_id"] in text and IDENTITY["data_sha256"] in text


@needs_poppler
def test_kabko_pdf_figures_equal_the_database(run):
    text = pdftext(run["a"] / "pkwkk-6471/kabkota-6471.pdf")
    rows = expected_rows(run, "kecamatan", "kabkota", "pkwkk", "6471", 4)
    assert rows[28][-1] == angka(629) and rows[29][-1] == angka(628)
    assert_rows_in_order(text, rows)
    assert "KOMISI PEMILIHAN UMUM KOTA BALIKPAPAN" in text and "MODEL D.HASIL KABKO-KWK" in text


# --- pages as images ---------------------------------------------------------------------------

@needs_poppler
@pytest.mark.parametrize("report", ["pkwkp-64/kecamatan-647101", "pkwkp-64/kabkota-6471", "pkwkp-64/provinsi-64",
                                    "pkwkk-6471/penetapan", "pkwkp-64/pengecualian"])
def test_first_page_is_a4_landscape_and_not_blank(run, report, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile",
                    str(run["a"] / f"{report}.pdf"), str(tmp_path / "hal")], check=True)
    png = tmp_path / "hal.png"
    assert png.is_file()
    with Image.open(png) as image:
        width, height = image.size
        assert abs(width / height - 297 / 210) < 0.01 and abs(width - 297 / 25.4 * 40) <= 2
        gray = image.convert("L")
        dark = sum(gray.histogram()[:100])
    assert dark > 2000, "page looks blank"


# --- watermark, escaping -----------------------------------------------------------------------

def test_watermark_exactly_on_provisional_reports(run):
    status = {f"{j}-{k}/{t}-{w}": s for t, j, k, w, s in query(
        run, "select tingkat, jenis, kode_kontes, kode_wilayah, status from administrasi "
             "where tingkat in ('kecamatan', 'kabkota', 'provinsi')")}
    for j, k, s in query(run, "select jenis, kode_kontes, status from penetapan"):
        status[f"{j}-{k}/penetapan"] = status[f"{j}-{k}/pengecualian"] = "sementara" if s == "sementara" else "final"
    assert {r for r, s in status.items() if s == "sementara"} == {
        "pkwkp-64/kecamatan-647102", "pkwkp-64/kabkota-6471", "pkwkp-64/provinsi-64", "pkwkp-64/penetapan",
        "pkwkp-64/pengecualian"}
    for report, s in status.items():
        html = (run["a"] / f"{report}.html").read_text(encoding="utf-8")
        assert ('<div class="watermark"' in html) == (s == "sementara"), report


@needs_poppler
@pytest.mark.parametrize("report, provisional", [("pkwkp-64/kecamatan-647102", True), ("pkwkp-64/penetapan", True),
                                                 ("pkwkp-64/kecamatan-647101", False), ("pkwkk-6471/penetapan", False)])
def test_watermark_in_the_pdf(run, report, provisional):
    assert ("SEMENTARA" in pdftext(run["a"] / f"{report}.pdf", "-raw")) == provisional


def test_names_with_html_render_as_text(run):
    for report in ("kecamatan-647101", "kabkota-6471", "penetapan"):
        html = (run["a"] / f"pkwkk-6471/{report}.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt; - WAKIL SATU" in html
        assert "<script" not in html


# --- XLSX --------------------------------------------------------------------------------------

def test_xlsx_sheets_and_numbers_equal_the_database(run):
    for jenis, kode, sheets in (("pkwkp", "64", ["kecamatan", "kabkota", "provinsi", "penetapan"]),
                                ("pkwkk", "6471", ["kecamatan", "kabkota", "penetapan"])):
        wb = openpyxl.load_workbook(run["a"] / f"{jenis}-{kode}.xlsx")
        assert wb.sheetnames == sheets
        for tingkat in sheets[:-1]:
            rows = list(wb[tingkat].iter_rows(values_only=True))
            header = rows[0]
            for kode_wilayah, *values in (r for r in rows[1:]):
                got = dict(zip(header[1:], values))
                db = query(run, "select * from administrasi where tingkat = ? and jenis = ? and kode_wilayah = ?",
                           [tingkat, jenis, kode_wilayah])
                cols = [c[0] for c in query(run, "select column_name from (describe administrasi)")]
                for col, value in zip(cols, db[0]):
                    if col in got:
                        assert got[col] == value, (tingkat, kode_wilayah, col)
                for n, suara in query(run, "select nomor_urut, suara from hasil where tingkat = ? and jenis = ? "
                                           "and kode_wilayah = ?", [tingkat, jenis, kode_wilayah]):
                    assert got[f"suara_{n}"] == suara and isinstance(suara, int)
        penetapan = {r[0]: r[1] for r in wb["penetapan"].iter_rows(values_only=True) if r[0] is not None}
        decided = query(run, "select status, suara_sah, selisih_suara from penetapan where jenis = ?", [jenis])[0]
        assert (penetapan["status"], penetapan["suara_sah"], penetapan["selisih_suara"]) == decided


def test_xlsx_neutralises_formula_looking_text(run):
    for name, neutral in (("pkwkp-64", "'" + FORMULA), ("pkwkk-6471", "'+WALI DUA - WAKIL DUA")):
        wb = openpyxl.load_workbook(run["a"] / f"{name}.xlsx")
        texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert neutral in texts
        assert not [t for t in texts if t[:1] in "=+-@"]
        assert all(c.data_type != "f" for ws in wb for row in ws.iter_rows() for c in row)


# --- determinism -------------------------------------------------------------------------------

def test_same_database_same_bytes(run):
    a, b, html_only = (run["files"][k] for k in ("a", "b", "html"))
    assert [p.relative_to(run["base"] / "a") for p in a] == [p.relative_to(run["base"] / "b") for p in b]
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes(), x.name
    for y in html_only:
        assert (run["base"] / "a" / y.relative_to(run["base"] / "html")).read_bytes() == y.read_bytes()
    assert b"CreationDate" not in (run["a"] / "pkwkk-6471/penetapan.pdf").read_bytes()


# --- pieces ------------------------------------------------------------------------------------

def test_indonesian_number_formatting():
    assert angka(177290) == "177.290" and angka(0) == "0" and angka(None) == "–"
    assert persen(Decimal("59.27")) == "59,27 %" and persen(Decimal("1.5"), 1) == "1,5 %"
    assert persen(Decimal("100")) == "100,00 %" and persen(None) == "–"


def test_many_columns_split_into_tables_with_the_total_last(run):
    kontes = next(k for k in load(run["db"]) if k.key == ("pkwkk", "6471"))
    form = copy.copy(kontes.formulir["kecamatan"][0])
    form.kolom = [{**form.kolom[0], "kode_wilayah": f"647101{i:04d}", "nama_wilayah": f"Desa {i}"}
                  for i in range(1, 21)]
    tables = tabel(form)
    assert [len(t["kolom"]) for t in tables] == [8, 8, 4] and [t["jumlah"] for t in tables] == [False, False, True]
    html = render("d_hasil_kecamatan.html.j2", **konteks(kontes, form), **IDENTITY)
    assert html.count('<table class="formulir"') == 3 and html.count("JUMLAH AKHIR") == 1
    assert "Desa 20" in html and "Tabel 3 dari 3" in html


@pytest.mark.parametrize("status, phrase", [
    ("terpilih", "ditetapkan sebagai pasangan calon Wali Kota dan Wakil Wali Kota Balikpapan terpilih"),
    ("seri", "memerlukan keputusan rapat pleno"),
    ("kolom_kosong_menang", "Tidak ada pasangan calon yang ditetapkan terpilih"),
    ("sementara", "hasil belum dapat ditetapkan"),
])
def test_penetapan_states_the_outcome(run, status, phrase):
    kontes = next(k for k in load(run["db"]) if k.key == ("pkwkk", "6471"))
    kontes.info = {**kontes.info, "status": status}
    html = render("penetapan.html.j2", **konteks_penetapan(kontes), **IDENTITY)
    assert phrase in html
    assert ('<div class="watermark"' in html) == (status == "sementara")
    assert "dapat diajukan" in html  # margin 1 of 1.257 votes, within Balikpapan's 1 % threshold
