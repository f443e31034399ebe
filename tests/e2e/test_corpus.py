"""The bad-input corpus through the real CLI (`rekap run`, in process, through the Prefect flow):
every case must exit 2, name the file, line and column, print no traceback, and leave `latest`
and releases/ exactly as they were. Then hostile names (formula starters, HTML) through a whole
run: neutralised in every CSV and XLSX the release holds, shown as text in every report.

The packages are test_ingest's tiny valid package (3 TPS, two contests) with one defect each;
test_ingest checks the same defects against `load_package` itself, this file the whole exit path.
A 1 GB file is streamed through a CLI subprocess with its memory measured.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import time
from pathlib import Path

import markupsafe
import openpyxl
import pytest

from builders import Package, form, write_koreksi
from rekap.cli import main
from test_ingest import TPS_CODES, render, valid_tables, with_cell, with_column, write_package

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def out(prefect_api, tmp_path_factory) -> Path:
    """An OUT holding one release of the valid package: no bad case may touch it."""
    out = tmp_path_factory.mktemp("corpus") / "out"
    pkg = write_package(out.parent / "valid")
    assert main(["run", "--input", str(pkg), "--out", str(out), "--tanpa-laporan"]) in (0, 3)
    return out


def releases_of(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "releases").iterdir())


# --- the package, one defect at a time ---------------------------------------------------------------


def _table(name: str):
    return valid_tables()[name]


def drop_column(name: str, column: str) -> dict:
    header, rows = _table(name)
    i = header.index(column)
    return {name: render(([h for j, h in enumerate(header) if j != i], [[v for j, v in enumerate(r) if j != i]
                                                                          for r in rows]))}


def rename_column(name: str, column: str, new: str) -> dict:
    header, rows = _table(name)
    header[header.index(column)] = new
    return {name: render((header, rows))}


def raw_line(name: str, line: int, old: bytes, new: bytes) -> dict:
    """File `name` with bytes `old` on physical line `line` (1 = header) replaced by `new`."""
    lines = render(_table(name)).encode("utf-8").split(b"\n")
    assert old in lines[line - 1], (name, line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return {name: b"\n".join(lines)}


def excel_id_locale(name: str) -> dict:
    """What Excel in an Indonesian locale saves as "CSV": semicolons, BOM, CRLF."""
    header, rows = _table(name)
    return {name: ("\ufeff" + "\r\n".join(";".join(r) for r in [header, *rows]) + "\r\n").encode("utf-8")}


def with_name(record: int, name: str) -> dict:
    return with_cell("paslon.csv", record, "nama", name)


KOREKSI_HEADER = "id,kode_tps,jenis,kolom,nilai_lama,nilai_baru,tingkat,alasan,dokumen\n"

# (id, files replaced (None: removed), file, line, column, a word of the problem)
CASES = [
    # -- files ------------------------------------------------------------------------------------------
    ("missing paslon.csv", {"paslon.csv": None}, "paslon.csv", None, None, "berkas wajib tidak ada"),
    ("missing tps.csv", {"tps.csv": None}, "tps.csv", None, None, "berkas wajib tidak ada"),
    ("missing c_hasil.csv", {"c_hasil.csv": None}, "c_hasil.csv", None, None, "berkas wajib tidak ada"),
    ("missing suara_paslon.csv", {"suara_paslon.csv": None}, "suara_paslon.csv", None, None,
     "berkas wajib tidak ada"),
    ("empty file", {"paslon.csv": b""}, "paslon.csv", 1, None, "kosong"),
    ("header-only tps.csv", {"tps.csv": "kode_tps,dpt_l,dpt_p\n"}, "tps.csv", 2, None, "tidak ada baris data"),
    ("UTF-16 (Excel 'Unicode Text')", {"tps.csv": render(_table("tps.csv")).encode("utf-16")},
     "tps.csv", 1, None, "UTF-8"),
    # -- header -----------------------------------------------------------------------------------------
    ("missing column", drop_column("c_hasil.csv", "suara_sah"), "c_hasil.csv", 1, "suara_sah", "kolom wajib"),
    ("duplicated column", rename_column("tps.csv", "dpt_p", "dpt_l"), "tps.csv", 1, "dpt_l", "lebih dari sekali"),
    ("required column under another name", rename_column("suara_paslon.csv", "nomor_urut", "no_urut"),
     "suara_paslon.csv", 1, "nomor_urut", "kolom wajib"),
    ("required column in capitals", rename_column("paslon.csv", "nama", "NAMA"), "paslon.csv", 1, "nama",
     "huruf besar"),
    ("semicolons as Excel (id-ID) writes them", excel_id_locale("suara_paslon.csv"),
     "suara_paslon.csv", 1, "kode_tps", "pemisah koma"),
    # -- counts -----------------------------------------------------------------------------------------
    ("thousands dot 1.234", with_cell("c_hasil.csv", 2, "dpt_l", "1.234"), "c_hasil.csv", 3, "dpt_l", "ribuan"),
    ("thousands comma 1,234", with_cell("suara_paslon.csv", 3, "suara", "1,234"),
     "suara_paslon.csv", 4, "suara", "ribuan"),
    ("decimal comma 12,0", with_cell("tps.csv", 2, "dpt_p", "12,0"), "tps.csv", 3, "dpt_p", "desimal"),
    ("decimal point 12.0", with_cell("c_hasil.csv", 5, "suara_total", "12.0"),
     "c_hasil.csv", 6, "suara_total", "desimal"),
    ("beyond 64-bit", with_cell("suara_paslon.csv", 6, "suara", "18446744073709551617"),
     "suara_paslon.csv", 7, "suara", "terlalu panjang"),
    ("2^63", with_cell("tps.csv", 1, "dpt_l", "9223372036854775808"), "tps.csv", 2, "dpt_l", "terlalu panjang"),
    ("negative", with_cell("c_hasil.csv", 3, "ss_rusak", "-1"), "c_hasil.csv", 4, "ss_rusak", "negatif"),
    ("blank cell", with_cell("suara_paslon.csv", 12, "suara", ""), "suara_paslon.csv", 13, "suara", "kosong"),
    ("whitespace around a number", with_cell("c_hasil.csv", 1, "suara_sah", " 361 "),
     "c_hasil.csv", 2, "suara_sah", "spasi"),
    ("NUL in a count", raw_line("suara_paslon.csv", 4, b",300", b",3\x0000"), "suara_paslon.csv", 4, "suara",
     "kendali"),
    # -- codes ------------------------------------------------------------------------------------------
    ("kode_tps 12 digits", with_cell("c_hasil.csv", 4, "kode_tps", TPS_CODES[1][:-1]),
     "c_hasil.csv", 5, "kode_tps", "13 digit"),
    ("kode_tps 14 digits", with_cell("tps.csv", 3, "kode_tps", TPS_CODES[2] + "1"), "tps.csv", 4, "kode_tps",
     "13 digit"),
    ("kode_tps with a letter O", with_cell("suara_paslon.csv", 2, "kode_tps", "6471O11001001"),
     "suara_paslon.csv", 3, "kode_tps", "13 digit"),
    ("kode_kontes with a letter", with_cell("paslon.csv", 1, "kode_kontes", "6A"), "paslon.csv", 2, "kode_kontes",
     "digit"),
    ("jenis unknown", with_cell("suara_paslon.csv", 8, "jenis", "pilbup"), "suara_paslon.csv", 9, "jenis",
     "pkwkp atau pkwkk"),
    # -- bytes and structure ----------------------------------------------------------------------------
    ("Windows-1252 byte in a name", raw_line("paslon.csv", 4, b"RAHMAD", b"RAHM\x80D"), "paslon.csv", 4, "nama",
     "UTF-8"),
    ("Latin-1 byte in wilayah.csv", {"wilayah.csv": b"kode,nama\n6471011001,MANGGAR\n6471011002,LAMAR\xdc\n"},
     "wilayah.csv", 3, "nama", "UTF-8"),
    ("NUL in a name", raw_line("paslon.csv", 5, b"KOLOM KOSONG", b"KOLOM\x00KOSONG"), "paslon.csv", 5, "nama",
     "kendali"),
    ("unbalanced quote", raw_line("paslon.csv", 5, b"KOLOM KOSONG", b'"KOLOM KOSONG'), "paslon.csv", 5, "nama",
     "kutip"),
    ("quoted newline in a name", with_name(2, "H. RUDY MAS'UD -\nIr. H. SENO AJI"), "paslon.csv", 3, "nama",
     "kendali"),
    ("row with a field too many", {"tps.csv": render(_table("tps.csv")).replace("6471011001002,251,261",
                                                                                 "6471011001002,251,261,9")},
     "tps.csv", 3, "ke-4", "kolom"),
    ("CRLF and LF mixed", {"tps.csv": render(_table("tps.csv"), eol="\r\n").replace(
        "6471011002001,252,262\r\n", "6471011002001,252,262\n")}, "tps.csv", 4, "dpt_p", "akhir baris"),
    ("row with a field too few", {"tps.csv": render(_table("tps.csv")).replace("6471011001002,251,261",
                                                                                "6471011001002,251")},
     "tps.csv", 3, "dpt_p", "kolom"),
    # a line longer than DuckDB's buffer: as the last line DuckDB 2.0 dropped it without a word
    ("40 MB name on the last line", lambda: with_name(4, "K" * (40 << 20)), "paslon.csv", 5, "nama",
     "terlalu panjang"),
    ("40 MB name mid-file", lambda: with_name(1, "K" * (40 << 20)), "paslon.csv", 2, "nama", "terlalu panjang"),
    # -- values and rows --------------------------------------------------------------------------------
    ("nomor_urut 0", with_cell("paslon.csv", 3, "nomor_urut", "0"), "paslon.csv", 4, "nomor_urut", "1–999"),
    ("kolom_kosong ya", with_cell("paslon.csv", 4, "kolom_kosong", "ya"), "paslon.csv", 5, "kolom_kosong",
     "true atau false"),
    ("diterima_pada day-first", with_column("c_hasil.csv", "diterima_pada", ["", "", "28/11/2024", "", "", ""]),
     "c_hasil.csv", 4, "diterima_pada", "ISO 8601"),
    ("duplicated TPS", with_cell("tps.csv", 2, "kode_tps", TPS_CODES[0]), "tps.csv", 3, "kode_tps",
     "lebih dari sekali"),
    ("koreksi id twice", {"koreksi.csv": KOREKSI_HEADER
                          + f"K1,{TPS_CODES[0]},pkwkp,suara:1,100,101,kecamatan,salah tulis,BA-1\n"
                          + f"K1,{TPS_CODES[1]},pkwkp,suara:1,101,102,kecamatan,salah tulis,BA-2\n"},
     "koreksi.csv", 3, "id", "id"),
]


@pytest.mark.parametrize(("files", "file", "line", "column", "words"),
                         [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_bad_input_exits_2_naming_file_line_and_column(out, tmp_path, capfd, files, file, line, column, words):
    before, latest = releases_of(out), os.readlink(out / "latest")
    capfd.readouterr()
    pkg = write_package(tmp_path / "pkg", files() if callable(files) else files)
    assert main(["run", "--input", str(pkg), "--out", str(out), "--tanpa-laporan"]) == 2
    printed = capfd.readouterr()
    where = ", ".join([file, *([f"baris {line}"] if line else []), *([f"kolom {column}"] if column else [])])
    message = next((m for m in printed.err.splitlines() if m.startswith("rekap: masukan tidak dapat dipakai:")), "")
    assert f"dipakai: {where}: " in message, printed.err
    assert words in message, message
    assert "Traceback" not in printed.out + printed.err
    assert "tidak ada yang diterbitkan" in printed.err
    assert os.readlink(out / "latest") == latest and releases_of(out) == before


def test_tolerated_quirks_read_every_value_exactly(tmp_path):
    """What the contract accepts (docs/contract.md, hostile input): trailing empty fields, an extra
    column with non-UTF-8 bytes (never read), BOM with CRLF. No value moves or changes."""
    from test_ingest import load

    text = render(_table("tps.csv"))
    header, rows = _table("tps.csv")
    extra = render((header + ["catatan"], [r + ["x"] for r in rows])).encode().replace(b",x\n", b",caf\xe9\n", 1)
    variants = {
        "trailing commas": text.replace("251,261\n", "251,261,,\n").replace("252,262\n", "252,262,\n"),
        "non-UTF-8 in an extra column": extra,
        "BOM and CRLF": "\ufeff" + render(_table("tps.csv"), eol="\r\n"),
    }
    expected = [(kode, 250 + i, 260 + i) for i, kode in enumerate(TPS_CODES)]
    for name, body in variants.items():
        report, t = load(write_package(tmp_path / name.replace(" ", "-"), {"tps.csv": body}))
        assert [(r["kode_tps"], r["dpt_l"], r["dpt_p"]) for r in t["tps"]] == expected, name
        if name.startswith("non-UTF-8"):
            assert report.warnings == ["tps.csv: kolom tambahan diabaikan: catatan"]


def test_corpus_is_large_and_distinct():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids)) >= 30
    assert len({repr(c[1]) for c in CASES}) == len(CASES)  # no two cases feed the same bytes


# --- a 1 GB file -----------------------------------------------------------------------------------------

GIB = 1 << 30
RSS_BOUND = 1536 << 20  # 1.5 GB for a 1 GB input: DuckDB at its 512 MB limit, the interpreter with Prefect and GX


def _big_suara_paslon(path: Path) -> int:
    """~1 GB of valid vote rows with one thousands separator near the end; returns its line."""
    rows = [f"{kode},{jenis},{n},{100 + n}\n" for kode in TPS_CODES for jenis, ns in (("pkwkp", (1, 2)),
                                                                                    ("pkwkk", (1, 2))) for n in ns]
    block = "".join(rows).encode() * 4096  # a valid stretch, written again and again
    lines_per_block = len(rows) * 4096
    blocks = GIB // len(block) + 1
    with path.open("wb") as f:
        f.write(b"kode_tps,jenis,nomor_urut,suara\n")
        for _ in range(blocks):
            f.write(block)
        f.write(f"{TPS_CODES[0]},pkwkp,1,1.234\n".encode())
    return 1 + blocks * lines_per_block + 1


@pytest.mark.slow
def test_one_gigabyte_file_is_streamed_and_the_bad_line_named(tmp_path):
    pkg = write_package(tmp_path / "pkg")
    bad_line = _big_suara_paslon(pkg / "suara_paslon.csv")
    assert (pkg / "suara_paslon.csv").stat().st_size > GIB
    script = ("import sys, resource; from rekap.cli import main; code = main(sys.argv[1:]); "
              "print('maxrss_kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
              "sys.exit(code)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    started = time.monotonic()
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", script, "run", "--input", str(pkg),
                           "--out", str(tmp_path / "out"), "--tanpa-laporan", "--threads", "2",
                           "--memory-limit", "512MB"], capture_output=True, text=True, env=env, timeout=1800)
    elapsed = time.monotonic() - started
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert f"suara_paslon.csv, baris {bad_line}, kolom suara" in proc.stderr, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr + proc.stdout
    rss = int(re.search(r"maxrss_kib (\d+)", proc.stderr).group(1)) * 1024
    print(f"1 GB file: {elapsed:.0f} s, peak RSS of the CLI {rss / 2**20:.0f} MiB")
    assert rss < RSS_BOUND
    assert not (tmp_path / "out" / "latest").exists()


# --- hostile names in, neutral text out -------------------------------------------------------------------

FORMULA_NAMES = ['=HYPERLINK("http://contoh.test","klik") - SATU', "+62 DUA - WAKIL", "-1+1 TIGA",
                 "@SUM(A1:A9) EMPAT"]
HTML_NAME = '<script>alert("x")</script> & <b>LIMA</b>'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def hostile_package(folder: Path) -> Path:
    pkg = Package().contest("pkwkp", "64", FORMULA_NAMES[:2]).contest("pkwkk", "6471", [*FORMULA_NAMES[2:], HTML_NAME])
    pkg.wilayah = [("6471", "=KOTA RUMUS"), ("647101", "@KECAMATAN"), ("6471011001", "<i>DESA</i> -1"),
                   ("6471011002", "-DESA MINUS")]
    for i, kode in enumerate(("6471011001001", "6471011002001", "6471021001001")):
        pkg.station(kode)
        pkg.submit(form(kode, "pkwkp", {1: 100 + i, 2: 90}))
        pkg.submit(form(kode, "pkwkk", {1: 50, 2: 40 + i, 3: 60}))
    folder = pkg.write(folder)
    write_koreksi(folder, [("=K1", "6471011001001", "pkwkp", "suara:1", "100", "101", "kecamatan",
                            "+salah tulis", "-BA/01"),
                           ("@K2", "6471011002001", "pkwkk", "suara:9", "1", "2", "kabkota", "=1+1", "@BA")])
    return folder


@pytest.fixture(scope="module")
def hostile_release(tmp_path_factory) -> Path:
    from rekap.stages.walk import recap_in_process
    from rekap.settings import RecapSettings

    base = tmp_path_factory.mktemp("hostile")
    published = recap_in_process(RecapSettings(
        input_dir=hostile_package(base / "pkg"), out_dir=base / "out", threads=2, memory_limit="1GB", pdf=False))
    return published.path


def test_every_csv_cell_of_the_release_is_neutralised(hostile_release):
    files = sorted(hostile_release.rglob("*.csv"))
    assert {"hasil.csv", "administrasi.csv", "penetapan.csv", "pengecualian.csv", "koreksi.csv"} <= {
        p.name for p in files}
    texts = []
    for path in files:
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                texts += [(path.name, cell) for cell in row if cell and not NUMBER.fullmatch(cell)]
    armed = [(name, cell) for name, cell in texts if cell.startswith(TRIGGERS)]
    assert armed == []
    cells = {cell for _, cell in texts}
    for name in FORMULA_NAMES:
        assert "'" + name in cells, name
    for name in ("=KOTA RUMUS", "@KECAMATAN", "-DESA MINUS", "=K1", "@K2", "+salah tulis", "-BA/01", "=1+1"):
        assert "'" + name in cells, name
    assert HTML_NAME in cells  # CSV is data: HTML stays as written, not escaped


def test_every_xlsx_cell_of_the_release_is_neutralised(hostile_release):
    books = sorted(hostile_release.rglob("*.xlsx"))
    assert len(books) == 2
    texts = []
    for path in books:
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (path.name, ws.title, c.coordinate)
                    if isinstance(c.value, str):
                        texts.append(c.value)
    assert [t for t in texts if t.startswith(TRIGGERS)] == []
    assert "'" + FORMULA_NAMES[0] in texts and "'=KOTA RUMUS" in texts


def test_html_in_names_renders_as_text_in_every_report(hostile_release):
    pages = sorted(hostile_release.rglob("*.html"))
    assert pages
    escaped = str(markupsafe.escape(HTML_NAME))  # as Jinja's autoescape writes it
    seen = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>LIMA</b>" not in text and "<i>DESA</i>" not in text, page
        seen += escaped in text
    assert seen >= 3  # the mayor contest's D.Hasil pages and its penetapan


def test_prefect_findings_summary_shows_html_as_text():
    """The findings table of the Prefect UI (Markdown) carries text from the package (a correction id)."""
    from rekap.overview import Overview, findings_markdown

    overview = Overview(findings=[{"aturan": "koreksi_kolom_tidak_dikenal", "keparahan": "error", "temuan": 1,
                                   "kontes": 1, "contoh": "Koreksi <img src=x onerror=alert(1)>|K2: kolom ..."}])
    markdown = findings_markdown(overview, "abc", "sementara")
    assert "<img" not in markdown and "&lt;img" in markdown
    assert "\\|K2" in markdown
