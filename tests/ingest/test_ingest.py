"""Tests of ingest (rekap.ingest.tables.load_package): a tiny valid package loads into typed tables, and
every kind of unusable input raises InputError naming the file, the physical line and the column.

The package is written as text by the helpers below: 3 TPS of Kota Balikpapan, the governor
contest pkwkp 64 (two pairs) and the mayor contest pkwkk 6471 (one pair + kolom kosong). Ingest
checks formats only, so the numbers need not satisfy the form's identities.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rekap.contract import C_HASIL_COUNTS
from rekap.db import connect
from rekap.errors import InputError
from rekap.ingest.tables import IngestReport, load_package

RUDY = "H. RUDY MAS'UD, S.E., M.E. - Ir. H. SENO AJI, M. Si."
ISRAN = "Dr. Ir. H. ISRAN NOOR, M.Si. - H. HADI MULYADI, S.Si., M.Si."
RAHMAD = "RAHMAD MAS'UD, S.E., M.E. - Dr. Ir. BAGUS SUSETYO, M.M."
TPS_CODES = ("6471011001001", "6471011001002", "6471011002001")
C_HASIL_HEADER = ("kode_tps", "jenis", *C_HASIL_COUNTS)

Table = tuple[list[str], list[list[str]]]


# ---------------------------------------------------------------------------------------------
# the package, as text


def _form(i: int) -> list[str]:
    """The 25 counts of a form, as text (plausible but not required to add up)."""
    dpt_l, dpt_p = 250 + i, 260 + i
    pengguna_l, pengguna_p = 180 + i, 190 + i
    sah, tidak_sah = pengguna_l + pengguna_p - 10, 10
    values = {
        "dpt_l": dpt_l, "dpt_p": dpt_p, "dpph_l": 1, "dpph_p": 0, "dptb_l": 2, "dptb_p": 1,
        "pemilih_jumlah": dpt_l + dpt_p + 4,
        "pengguna_dpt_l": pengguna_l, "pengguna_dpt_p": pengguna_p, "pengguna_dpph_l": 0,
        "pengguna_dpph_p": 0, "pengguna_dptb_l": 0, "pengguna_dptb_p": 0,
        "pengguna_jumlah": pengguna_l + pengguna_p,
        "disabilitas_l": 1, "disabilitas_p": 2, "pengguna_disabilitas_l": 1, "pengguna_disabilitas_p": 1,
        "ss_diterima": dpt_l + dpt_p + 13, "ss_rusak": 0,
        "ss_tidak_digunakan": dpt_l + dpt_p + 13 - pengguna_l - pengguna_p,
        "ss_digunakan": pengguna_l + pengguna_p,
        "suara_sah": sah, "suara_tidak_sah": tidak_sah, "suara_total": sah + tidak_sah,
    }
    return [str(values[c]) for c in C_HASIL_COUNTS]


def valid_tables() -> dict[str, Table]:
    """Header and rows of each file of the tiny valid package (fresh lists: callers may edit)."""
    forms = [[kode, jenis, *_form(i)]
             for i, kode in enumerate(TPS_CODES) for jenis in ("pkwkp", "pkwkk")]
    votes = []
    for i, kode in enumerate(TPS_CODES):
        votes += [[kode, "pkwkp", "1", str(100 + i)], [kode, "pkwkp", "2", str(200 + i)],
                  [kode, "pkwkk", "1", str(300 + i)], [kode, "pkwkk", "2", str(50 + i)]]
    return {
        "paslon.csv": (["jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong"], [
            ["pkwkp", "64", "1", ISRAN, "false"],
            ["pkwkp", "64", "2", RUDY, "false"],
            ["pkwkk", "6471", "1", RAHMAD, "false"],
            ["pkwkk", "6471", "2", "KOLOM KOSONG", "true"],
        ]),
        "tps.csv": (["kode_tps", "dpt_l", "dpt_p"],
                    [[kode, str(250 + i), str(260 + i)] for i, kode in enumerate(TPS_CODES)]),
        "c_hasil.csv": (list(C_HASIL_HEADER), forms),
        "suara_paslon.csv": (["kode_tps", "jenis", "nomor_urut", "suara"], votes),
    }


def _quote(value: str) -> str:
    if any(ch in value for ch in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def render(table: Table, *, eol: str = "\n") -> str:
    header, rows = table
    return "".join(",".join(_quote(v) for v in row) + eol for row in [header, *rows])


def write_package(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the valid package to `root`, with `files` replacing (text/bytes) or removing (None) files."""
    root.mkdir(parents=True, exist_ok=True)
    content: dict[str, str | bytes | None] = {name: render(t) for name, t in valid_tables().items()}
    content.update(files or {})
    for name, body in content.items():
        if body is None:
            continue
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        (root / name).write_bytes(data)
    return root


def with_cell(name: str, record: int, column: str, value: str) -> dict[str, str]:
    """The file `name` of the valid package with one cell replaced (record 1 = first data row)."""
    header, rows = valid_tables()[name]
    rows[record - 1][header.index(column)] = value
    return {name: render((header, rows))}


def with_column(name: str, column: str, values: list[str]) -> dict[str, str]:
    """The file `name` of the valid package with one more column."""
    header, rows = valid_tables()[name]
    return {name: render((header + [column], [row + [v] for row, v in zip(rows, values, strict=True)]))}


def load(root: Path) -> tuple[IngestReport, dict]:
    """Load the package at `root`; the report, the typed tables' rows (as dicts) and column types."""
    with connect(":memory:") as con:
        report = load_package(con, root)
        t: dict = {}
        for name in ("paslon", "tps", "c_hasil", "suara_paslon", "kontes"):
            cur = con.execute(f"select * from {name}")
            columns = [d[0] for d in cur.description]
            t[name] = [dict(zip(columns, row)) for row in cur.fetchall()]
        t["types"] = {name: dict(con.execute(f"select column_name, column_type from (describe {name})").fetchall())
                      for name in ("paslon", "tps", "c_hasil", "suara_paslon", "wilayah", "kontes")}
        t["wilayah"] = dict(con.execute(
            "select kode, nama from wilayah where kode in ('64', '6471', '647101', '6471011001', '6471011002', "
            "'6471011099')").fetchall())
    return report, t


def pick(rows: list[dict], *columns: str) -> list[tuple]:
    return [tuple(row[c] for c in columns) for row in rows]


def load_error(root: Path) -> InputError:
    with connect(":memory:") as con, pytest.raises(InputError) as caught:
        load_package(con, root)
    return caught.value


# ---------------------------------------------------------------------------------------------
# 1. the valid package


def test_valid_package_loads(tmp_path):
    report, t = load(write_package(tmp_path))
    assert report.rows == {"paslon": 4, "tps": 3, "c_hasil": 6, "suara_paslon": 12, "wilayah": 0, "koreksi": 0,
                           "pleno": 0, "pleno_hadir": 0, "keberatan": 0, "sengketa": 0, "jadwal": 0, "hari_libur": 0}
    assert report.warnings == []

    assert pick(t["paslon"], "jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong") == [
        ("pkwkk", "6471", 1, RAHMAD, False), ("pkwkk", "6471", 2, "KOLOM KOSONG", True),
        ("pkwkp", "64", 1, ISRAN, False), ("pkwkp", "64", 2, RUDY, False),
    ]
    assert pick(t["tps"], "kode_tps", "dpt_l", "dpt_p", "lokasi_khusus") == [
        (kode, 250 + i, 260 + i, False) for i, kode in enumerate(TPS_CODES)]
    assert len(t["c_hasil"]) == 6 and len(t["suara_paslon"]) == 12
    assert pick(t["kontes"], "jenis", "kode_kontes", "nama_wilayah", "tingkat_puncak", "n_kolom",
                "ada_kolom_kosong") == [("pkwkk", "6471", "KOTA BALIKPAPAN", "kabkota", 2, True),
                                        ("pkwkp", "64", "KALIMANTAN TIMUR", "provinsi", 2, False)]
    assert t["wilayah"]["6471011001"] == "Manggar"


def test_valid_package_types(tmp_path):
    _, t = load(write_package(tmp_path))
    types = t["types"]
    assert types["paslon"] == {"jenis": "VARCHAR", "kode_kontes": "VARCHAR", "nomor_urut": "INTEGER",
                               "nama": "VARCHAR", "kolom_kosong": "BOOLEAN"}
    assert types["tps"] == {"kode_tps": "VARCHAR", "dpt_l": "BIGINT", "dpt_p": "BIGINT",
                            "lokasi_khusus": "BOOLEAN"}
    expected_suara = {"jenis": "VARCHAR", "kode_kontes": "VARCHAR", "kode_tps": "VARCHAR",
                      "nomor_urut": "INTEGER", "suara": "BIGINT"}
    assert {c: types["suara_paslon"][c] for c in expected_suara} == expected_suara
    expected_form = {"jenis": "VARCHAR", "kode_kontes": "VARCHAR", "kode_tps": "VARCHAR",
                     **{c: "BIGINT" for c in C_HASIL_COUNTS}, "diterima_pada": "TIMESTAMP WITH TIME ZONE"}
    assert {c: types["c_hasil"][c] for c in expected_form} == expected_form
    assert types["wilayah"] == {"kode": "VARCHAR", "nama": "VARCHAR"}
    assert types["kontes"]["n_kolom"] == "BIGINT" and types["kontes"]["ada_kolom_kosong"] == "BOOLEAN"


def test_valid_values_are_typed_exactly(tmp_path):
    _, t = load(write_package(tmp_path))
    first, second = t["c_hasil"][:2]
    assert pick([first, second], "jenis", "kode_kontes", "kode_tps", "diterima_pada") == [
        ("pkwkp", "64", TPS_CODES[0], None), ("pkwkk", "6471", TPS_CODES[0], None)]
    assert [first[c] for c in C_HASIL_COUNTS] == [int(v) for v in _form(0)]
    assert pick(t["suara_paslon"][:4], "jenis", "kode_kontes", "kode_tps", "nomor_urut", "suara") == [
        ("pkwkp", "64", TPS_CODES[0], 1, 100), ("pkwkp", "64", TPS_CODES[0], 2, 200),
        ("pkwkk", "6471", TPS_CODES[0], 1, 300), ("pkwkk", "6471", TPS_CODES[0], 2, 50),
    ]


def test_bom_crlf_and_quoted_name_with_apostrophe_and_commas(tmp_path):
    paslon = "\ufeff" + render(valid_tables()["paslon.csv"], eol="\r\n")
    assert f'"{RUDY}"' in paslon
    tps = "\ufeff" + render(valid_tables()["tps.csv"], eol="\r\n")
    _, t = load(write_package(tmp_path, {"paslon.csv": paslon, "tps.csv": tps}))
    assert ("pkwkp", "64", 2, RUDY, False) in pick(t["paslon"], "jenis", "kode_kontes", "nomor_urut", "nama",
                                                    "kolom_kosong")
    assert pick(t["paslon"], "jenis")[0] == ("pkwkk",)  # BOM not glued to the first column's name/value
    assert [row["kode_tps"] for row in t["tps"]] == list(TPS_CODES)
    assert t["tps"][0]["dpt_p"] == 260  # CR not glued to the last cell


def test_bom_on_every_file_with_crlf(tmp_path):
    files = {name: "\ufeff" + render(table, eol="\r\n") for name, table in valid_tables().items()}
    report, t = load(write_package(tmp_path, files))
    assert report.rows["c_hasil"] == 6 and report.rows["suara_paslon"] == 12
    assert t["c_hasil"][0]["suara_total"] == int(_form(0)[-1])
    assert t["suara_paslon"][-1]["suara"] == 52


def test_extra_column_is_ignored_with_a_warning(tmp_path):
    files = with_column("suara_paslon.csv", "catatan", ["x"] * 12)
    report, t = load(write_package(tmp_path, files))
    assert len(report.warnings) == 1
    assert "suara_paslon.csv" in report.warnings[0] and "catatan" in report.warnings[0]
    assert "catatan" not in t["types"]["suara_paslon"]
    assert report.rows["suara_paslon"] == 12


def test_optional_files_absent_then_present(tmp_path):
    report, _ = load(write_package(tmp_path / "without"))
    assert report.rows["wilayah"] == 0 and report.rows["koreksi"] == 0
    koreksi = ("id,kode_tps,jenis,kolom,nilai_lama,nilai_baru,tingkat,alasan,dokumen\n"
               f'K1,{TPS_CODES[0]},pkwkp,suara:1,100,110,kecamatan,"salah tulis, diperbaiki",BA-01/2024\n'
               f"K2,{TPS_CODES[1]},pkwkk,suara_sah,361,371,kabkota,salah jumlah,BA-02/2024\n")
    wilayah = "kode,nama\n6471011099,DESA BARU\n"
    report, t = load(write_package(tmp_path / "with", {"koreksi.csv": koreksi, "wilayah.csv": wilayah}))
    assert report.rows["wilayah"] == 1 and report.rows["koreksi"] == 2
    assert t["wilayah"]["6471011099"] == "DESA BARU"  # extends the reference


def test_package_wilayah_overrides_reference_name(tmp_path):
    wilayah = "kode,nama\n6471,KOTA BALIKPAPAN (PAKET)\n6471011001,MANGGAR BARU\n"
    _, t = load(write_package(tmp_path, {"wilayah.csv": wilayah}))
    assert t["wilayah"]["6471"] == "KOTA BALIKPAPAN (PAKET)"
    assert t["wilayah"]["6471011001"] == "MANGGAR BARU"
    assert t["wilayah"]["6471011002"] == "Lamaru"  # the rest of the reference stays
    assert ("pkwkk", "6471", "KOTA BALIKPAPAN (PAKET)") in pick(t["kontes"], "jenis", "kode_kontes", "nama_wilayah")


def test_optional_columns_present(tmp_path):
    files = with_column("c_hasil.csv", "diterima_pada",
                        ["2024-11-27T14:05:00+08:00", "2024-11-27 14:06:30", "", "2024-11-28",
                         "2024-11-27T15:00:00Z", "2024-11-27T15:00:00.123+0800"])
    files |= with_column("tps.csv", "lokasi_khusus", ["true", "", "FALSE"])
    report, t = load(write_package(tmp_path, files))
    assert report.warnings == []
    times = [row["diterima_pada"] for row in t["c_hasil"]]
    assert times[0] is not None and times[2] is None and all(x is not None for x in times[3:])
    assert times[0].utcoffset() is not None
    assert [row["lokasi_khusus"] for row in t["tps"]] == [True, False, False]


def test_header_only_c_hasil_and_suara_paslon_load(tmp_path):
    """No form in yet is well-formed input (the run is provisional), not an input error."""
    files = {"c_hasil.csv": ",".join(C_HASIL_HEADER) + "\n",
             "suara_paslon.csv": "kode_tps,jenis,nomor_urut,suara\n"}
    report, t = load(write_package(tmp_path, files))
    assert report.rows["c_hasil"] == 0 and t["c_hasil"] == [] and t["suara_paslon"] == []


def test_no_trailing_newline_and_columns_in_any_order(tmp_path):
    header, rows = valid_tables()["tps.csv"]
    reordered = render(([header[2], header[0], header[1]], [[r[2], r[0], r[1]] for r in rows])).rstrip("\n")
    _, t = load(write_package(tmp_path, {"tps.csv": reordered}))
    assert pick(t["tps"], "kode_tps", "dpt_l", "dpt_p") == [
        (kode, 250 + i, 260 + i) for i, kode in enumerate(TPS_CODES)]


# ---------------------------------------------------------------------------------------------
# 2. unusable input: InputError(file, line, column, problem)


@pytest.mark.parametrize("name", ["paslon.csv", "tps.csv", "c_hasil.csv", "suara_paslon.csv"])
def test_missing_mandatory_file(tmp_path, name):
    err = load_error(write_package(tmp_path, {name: None}))
    assert (err.file, err.line, err.column) == (name, None, None)
    assert "tidak ada" in err.problem


def test_missing_package_folder(tmp_path):
    err = load_error(tmp_path / "nope")
    assert err.line is None and "tidak ada" in err.problem


def _drop_column(name: str, column: str) -> dict[str, str]:
    header, rows = valid_tables()[name]
    i = header.index(column)
    return {name: render(([h for j, h in enumerate(header) if j != i],
                          [[v for j, v in enumerate(r) if j != i] for r in rows]))}


def _rename_column(name: str, column: str, new: str) -> dict[str, str]:
    header, rows = valid_tables()[name]
    header[header.index(column)] = new
    return {name: render((header, rows))}


# (id, files, expected file, line, column, words the problem must contain)
CASES = [
    # -- header ---------------------------------------------------------------------------------
    ("missing column c_hasil", _drop_column("c_hasil.csv", "suara_sah"),
     "c_hasil.csv", 1, "suara_sah", "kolom wajib tidak ada"),
    ("missing column paslon", _drop_column("paslon.csv", "kolom_kosong"),
     "paslon.csv", 1, "kolom_kosong", "kolom wajib tidak ada"),
    ("missing column (upper case)", _rename_column("suara_paslon.csv", "suara", "Suara"),
     "suara_paslon.csv", 1, "suara", "Suara"),
    ("missing column (space)", _rename_column("tps.csv", "dpt_p", " dpt_p"),
     "tps.csv", 1, "dpt_p", "spasi"),
    ("duplicated column", _rename_column("tps.csv", "dpt_p", "dpt_l"),
     "tps.csv", 1, "dpt_l", "lebih dari sekali"),
    ("empty file", {"paslon.csv": ""}, "paslon.csv", 1, None, "kosong"),
    ("blank-lines file", {"c_hasil.csv": "\r\n\r\n"}, "c_hasil.csv", 1, None, "kosong"),
    ("header-only paslon", {"paslon.csv": "jenis,kode_kontes,nomor_urut,nama,kolom_kosong\n"},
     "paslon.csv", 2, None, "tidak ada baris data"),
    ("header-only tps", {"tps.csv": "\ufeffkode_tps,dpt_l,dpt_p\r\n"},
     "tps.csv", 2, None, "tidak ada baris data"),
    ("semicolon-delimited", {"tps.csv": render(valid_tables()["tps.csv"]).replace(",", ";")},
     "tps.csv", 1, "kode_tps", "titik koma"),
    # -- counts ---------------------------------------------------------------------------------
    ("decimal count", with_cell("c_hasil.csv", 4, "suara_sah", "12.0"),
     "c_hasil.csv", 5, "suara_sah", "'12.0'"),
    ("thousands dot", with_cell("c_hasil.csv", 2, "dpt_l", "1.234"),
     "c_hasil.csv", 3, "dpt_l", "pemisah ribuan"),
    ("thousands comma quoted", with_cell("tps.csv", 3, "dpt_p", "1,234"),
     "tps.csv", 4, "dpt_p", "pemisah ribuan"),
    ("negative", with_cell("suara_paslon.csv", 7, "suara", "-3"),
     "suara_paslon.csv", 8, "suara", "negatif"),
    ("blank count", with_cell("c_hasil.csv", 6, "suara_total", ""),
     "c_hasil.csv", 7, "suara_total", "kosong"),
    ("whitespace around number", with_cell("tps.csv", 1, "dpt_l", " 5"),
     "tps.csv", 2, "dpt_l", "spasi"),
    ("trailing whitespace", with_cell("suara_paslon.csv", 12, "suara", "5 "),
     "suara_paslon.csv", 13, "suara", "spasi"),
    ("beyond 64-bit", with_cell("suara_paslon.csv", 1, "suara", "1" * 25),
     "suara_paslon.csv", 2, "suara", "terlalu panjang"),
    ("19 digits", with_cell("c_hasil.csv", 1, "ss_rusak", "9" * 19),
     "c_hasil.csv", 2, "ss_rusak", "terlalu panjang"),
    ("plus sign", with_cell("suara_paslon.csv", 2, "suara", "+5"),
     "suara_paslon.csv", 3, "suara", "'+5'"),
    ("exponent", with_cell("suara_paslon.csv", 2, "suara", "1e3"),
     "suara_paslon.csv", 3, "suara", "'1e3'"),
    ("unicode digits", with_cell("suara_paslon.csv", 2, "suara", "\u0661\u0662"),
     "suara_paslon.csv", 3, "suara", "bilangan bulat"),
    ("fullwidth digits", with_cell("tps.csv", 2, "dpt_l", "\uff15"),
     "tps.csv", 3, "dpt_l", "bilangan bulat"),
    ("text in count", with_cell("c_hasil.csv", 3, "pengguna_jumlah", "tiga ratus"),
     "c_hasil.csv", 4, "pengguna_jumlah", "tiga ratus"),
    # -- codes and enumerations ------------------------------------------------------------------
    ("letters in kode_tps", with_cell("suara_paslon.csv", 5, "kode_tps", "64710110010A1"),
     "suara_paslon.csv", 6, "kode_tps", "13 digit"),
    ("12-digit kode_tps", with_cell("tps.csv", 2, "kode_tps", "647101100100"),
     "tps.csv", 3, "kode_tps", "13 digit"),
    ("dotted kode_tps", with_cell("c_hasil.csv", 1, "kode_tps", "64.71.01.1001.001"),
     "c_hasil.csv", 2, "kode_tps", "13 digit"),
    ("jenis pilgub paslon", with_cell("paslon.csv", 1, "jenis", "pilgub"),
     "paslon.csv", 2, "jenis", "pkwkp atau pkwkk"),
    ("jenis pilgub c_hasil", with_cell("c_hasil.csv", 5, "jenis", "pilgub"),
     "c_hasil.csv", 6, "jenis", "pkwkp atau pkwkk"),
    ("jenis upper case", with_cell("suara_paslon.csv", 3, "jenis", "PKWKK"),
     "suara_paslon.csv", 4, "jenis", "pkwkp atau pkwkk"),
    ("nomor_urut 0 paslon", with_cell("paslon.csv", 2, "nomor_urut", "0"),
     "paslon.csv", 3, "nomor_urut", "1–999"),
    ("nomor_urut 0 suara", with_cell("suara_paslon.csv", 4, "nomor_urut", "0"),
     "suara_paslon.csv", 5, "nomor_urut", "1–999"),
    ("nomor_urut 01", with_cell("paslon.csv", 2, "nomor_urut", "01"),
     "paslon.csv", 3, "nomor_urut", "1–999"),
    ("kolom_kosong ya", with_cell("paslon.csv", 4, "kolom_kosong", "ya"),
     "paslon.csv", 5, "kolom_kosong", "true atau false"),
    ("kolom_kosong blank", with_cell("paslon.csv", 3, "kolom_kosong", ""),
     "paslon.csv", 4, "kolom_kosong", "kosong"),
    ("blank nama", with_cell("paslon.csv", 3, "nama", " "),
     "paslon.csv", 4, "nama", "nama"),
    ("kode_kontes 4 digits for pkwkp", with_cell("paslon.csv", 2, "kode_kontes", "6471"),
     "paslon.csv", 3, "kode_kontes", "tidak sesuai jenis"),
    ("kode_kontes 2 digits for pkwkk", with_cell("paslon.csv", 3, "kode_kontes", "64"),
     "paslon.csv", 4, "kode_kontes", "tidak sesuai jenis"),
    ("kode_kontes 3 digits", with_cell("paslon.csv", 3, "kode_kontes", "647"),
     "paslon.csv", 4, "kode_kontes", "4 digit"),
    ("lokasi_khusus ya", with_column("tps.csv", "lokasi_khusus", ["true", "ya", "false"]),
     "tps.csv", 3, "lokasi_khusus", "true atau false"),
    ("wilayah kode dotted", {"wilayah.csv": "kode,nama\n64,KALTIM\n64.71,BALIKPAPAN\n"},
     "wilayah.csv", 3, "kode", "tanpa titik"),
    ("koreksi bad nilai_baru",
     {"koreksi.csv": "id,kode_tps,jenis,kolom,nilai_lama,nilai_baru,tingkat,alasan,dokumen\n"
                     f"K1,{TPS_CODES[0]},pkwkp,suara:1,100,1.100,kecamatan,salah tulis,BA-01\n"},
     "koreksi.csv", 2, "nilai_baru", "pemisah ribuan"),
    # -- cross-row --------------------------------------------------------------------------------
    ("duplicated TPS", with_cell("tps.csv", 3, "kode_tps", TPS_CODES[0]),
     "tps.csv", 4, "kode_tps", "lebih dari sekali"),
    ("duplicated paslon", with_cell("paslon.csv", 2, "nomor_urut", "1"),
     "paslon.csv", 3, "nomor_urut", "sudah ada"),
    # -- submission time ----------------------------------------------------------------------------
    ("diterima_pada not in calendar",
     with_column("c_hasil.csv", "diterima_pada", ["2024-11-27T10:00:00+08:00", "", "2024-13-45", "", "", ""]),
     "c_hasil.csv", 4, "diterima_pada", "2024-13-45"),
    ("diterima_pada Feb 30",
     with_column("c_hasil.csv", "diterima_pada", ["", "", "", "", "2024-02-30T10:00:00", ""]),
     "c_hasil.csv", 6, "diterima_pada", "kalender"),
    ("diterima_pada kemarin",
     with_column("c_hasil.csv", "diterima_pada", ["", "kemarin", "", "", "", ""]),
     "c_hasil.csv", 3, "diterima_pada", "ISO 8601"),
    ("diterima_pada day-first",
     with_column("c_hasil.csv", "diterima_pada", ["27/11/2024 10:00", "", "", "", "", ""]),
     "c_hasil.csv", 2, "diterima_pada", "ISO 8601"),
]


@pytest.mark.parametrize(("files", "file", "line", "column", "words"),
                         [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_input_error(tmp_path, files, file, line, column, words):
    err = load_error(write_package(tmp_path, files))
    assert (err.file, err.line, err.column) == (file, line, column), str(err)
    assert words in err.problem, str(err)


# -- structure and encoding: raw bytes ------------------------------------------------------------

PASLON_TEXT = render(valid_tables()["paslon.csv"])
SUARA_TEXT = render(valid_tables()["suara_paslon.csv"])


def _paslon_bytes_in_name(record: int, raw: bytes) -> bytes:
    """paslon.csv with `raw` spliced into the name of data record `record` (line record + 1)."""
    lines = PASLON_TEXT.encode("utf-8").split(b"\n")
    lines[record] = lines[record].replace(b"KOLOM KOSONG", b"KOLOM" + raw + b"KOSONG").replace(
        b"RAHMAD", b"RAHM" + raw + b"AD")
    return b"\n".join(lines)


def _lines(text: str) -> list[str]:
    return text.split("\n")


RAW_CASES = [
    ("windows-1252 in name", {"paslon.csv": _paslon_bytes_in_name(3, b"\xe9")},
     "paslon.csv", 4, "nama", "UTF-8"),
    ("windows-1252 in last row", {"paslon.csv": _paslon_bytes_in_name(4, b"\xe9")},
     "paslon.csv", 5, "nama", "UTF-8"),
    ("windows-1252 in header", {"paslon.csv": b"jenis,kode_kontes,nomor_urut,n\xe9ma,kolom_kosong\n"},
     "paslon.csv", 1, None, "UTF-8"),
    ("NUL in name", {"paslon.csv": _paslon_bytes_in_name(3, b"\x00")},
     "paslon.csv", 4, "nama", "kendali"),
    ("ragged row: too many fields",
     {"suara_paslon.csv": "\n".join(text + (",9" if i == 6 else "") for i, text in enumerate(_lines(SUARA_TEXT)))},
     "suara_paslon.csv", 7, "ke-5", "kolom"),
    ("ragged row: too few fields",
     {"suara_paslon.csv": "\n".join(text.rsplit(",", 1)[0] if i == 6 else text
                                    for i, text in enumerate(_lines(SUARA_TEXT)))},
     "suara_paslon.csv", 7, "suara", "kolom"),
    ("ragged row: two fields",
     {"tps.csv": "kode_tps,dpt_l,dpt_p\n6471011001001,250,260\n6471011001002,251\n6471011002001,252,262\n"},
     "tps.csv", 3, "dpt_p", "kolom"),
    ("unterminated quote",
     {"paslon.csv": PASLON_TEXT.replace("KOLOM KOSONG", '"KOLOM KOSONG')},
     "paslon.csv", 5, "nama", "kutip"),
    ("unterminated quote mid-file",
     {"paslon.csv": PASLON_TEXT.replace(f'"{ISRAN}"', f'"{ISRAN}')},
     "paslon.csv", 2, "nama", "kutip"),
    ("quote closed then more text",
     {"paslon.csv": PASLON_TEXT.replace("KOLOM KOSONG", '"KOLOM" KOSONG')},
     "paslon.csv", 5, "nama", "kutip"),
    ("unterminated quote, BOM and CRLF",
     {"paslon.csv": "\ufeff" + PASLON_TEXT.replace(f'"{ISRAN}"', f'"{ISRAN}').replace("\n", "\r\n")},
     "paslon.csv", 2, "nama", "kutip"),
    ("mixed line ends: one CRLF in an LF file",
     {"tps.csv": "kode_tps,dpt_l,dpt_p\n6471011001001,250,260\n6471011001002,251,261\r\n6471011002001,252,262\n"},
     "tps.csv", 3, "dpt_p", "akhir baris"),
    ("mixed line ends: LF in a CRLF file",
     {"tps.csv": "kode_tps,dpt_l,dpt_p\r\n6471011001001,250,260\r\n6471011001002,251,261\r\n"
                 "6471011002001,252,262\n"},
     "tps.csv", 4, "dpt_p", "akhir baris"),
    ("bare CR inside a row",
     {"tps.csv": "kode_tps,dpt_l,dpt_p\n6471011001001,250,260\n6471011001002,25\r1,261\n6471011002001,252,262\n"},
     "tps.csv", 3, "dpt_l", "akhir baris"),
    ("line over 2 MB", {"paslon.csv": PASLON_TEXT.replace("KOLOM KOSONG", "K" * 2_100_000)},
     "paslon.csv", 5, None, "terlalu panjang"),
]


@pytest.mark.parametrize(("files", "file", "line", "column", "words"),
                         [pytest.param(*c[1:], id=c[0]) for c in RAW_CASES])
def test_input_error_raw(tmp_path, files, file, line, column, words):
    err = load_error(write_package(tmp_path, files))
    assert (err.file, err.line, err.column) == (file, line, column), str(err)
    assert words in err.problem, str(err)


def test_windows_1252_after_a_quoted_newline_reports_physical_line(tmp_path):
    """DuckDB numbers rows, not lines: its row 4 here is physical line 6."""
    header, rows = valid_tables()["paslon.csv"]
    rows[0][3] = "nama\ndua baris"  # lines 2-3 (itself bad, but the reader's error comes first)
    text = render((header, rows)).encode("utf-8").replace(b"RAHMAD", b"RAHM\xe9AD")
    err = load_error(write_package(tmp_path, {"paslon.csv": text}))
    assert (err.file, err.line, err.column) == ("paslon.csv", 5, "nama"), str(err)
    assert "UTF-8" in err.problem


def test_windows_1252_inside_a_multiline_field(tmp_path):
    """The bad byte sits on the 2nd line of a quoted name: the record's first line and the field's
    column are named."""
    header, rows = valid_tables()["paslon.csv"]
    rows[0][3] = "nama\ndua baris"  # lines 2-3
    rows[2][3] = "RAHMAD\nMAS'UD \x01"  # lines 5-6
    text = render((header, rows)).encode("utf-8").replace(b"\x01", b"\xe9")
    err = load_error(write_package(tmp_path, {"paslon.csv": text}))
    assert (err.file, err.line, err.column) == ("paslon.csv", 5, "nama"), str(err)
    assert "UTF-8" in err.problem


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_blank_lines_do_not_shift_the_reported_line(tmp_path, eol):
    """DuckDB skips blank lines (so _rec skips them); the reported line still counts them."""
    header, rows = valid_tables()["suara_paslon.csv"]
    rows[5][3] = "1.0"
    lines = render((header, rows), eol=eol).split(eol)
    text = eol.join(lines[:3] + ["", ""] + lines[3:])  # two blank lines after line 3
    err = load_error(write_package(tmp_path, {"suara_paslon.csv": text}))
    assert (err.file, err.line, err.column) == ("suara_paslon.csv", 7 + 2, "suara"), str(err)


def test_blank_line_then_ragged_row(tmp_path):
    text = "kode_tps,dpt_l,dpt_p\n6471011001001,250,260\n\n6471011001002,251\n6471011002001,252,262\n"
    err = load_error(write_package(tmp_path, {"tps.csv": text}))
    assert (err.file, err.line, err.column) == ("tps.csv", 4, "dpt_p"), str(err)


@pytest.mark.parametrize(("name", "column", "value", "words"), [
    ("suara_paslon.csv", "suara", "1" * 200_000, "terlalu panjang"),
    ("paslon.csv", "nama", "A" * 200_000 + "\x01", "kendali"),
])
def test_huge_bad_cell_is_located(tmp_path, name, column, value, words):
    """A cell over Python csv's default 128 KiB field limit is still named, not an internal failure."""
    err = load_error(write_package(tmp_path, with_cell(name, 2, column, value)))
    assert (err.file, err.line, err.column) == (name, 3, column)
    assert words in err.problem and len(err.problem) < 300


def test_quoted_newline_before_bad_count_reports_physical_line(tmp_path):
    """Record 4 starts on line 7: record 1 spans lines 2-4 (a note with two line breaks)."""
    header, rows = valid_tables()["c_hasil.csv"]
    rows[3][C_HASIL_HEADER.index("suara_sah")] = "12.0"
    notes = ["kotak suara\ndibuka ulang\ndi kecamatan", "", "", "", "", ""]
    text = render((header + ["catatan"], [r + [n] for r, n in zip(rows, notes)]))
    assert text.count("\n") == 6 + 1 + 2
    err = load_error(write_package(tmp_path, {"c_hasil.csv": text}))
    assert (err.file, err.line, err.column) == ("c_hasil.csv", 7, "suara_sah"), str(err)


def test_quoted_newline_before_bad_count_crlf_bom(tmp_path):
    header, rows = valid_tables()["suara_paslon.csv"]
    rows[9][3] = "1.234"
    notes = ["a\r\nb", "", "c\r\nd\r\ne"] + [""] * 9
    text = "\ufeff" + render((header + ["catatan"], [r + [n] for r, n in zip(rows, notes)]), eol="\r\n")
    err = load_error(write_package(tmp_path, {"suara_paslon.csv": text}))
    assert (err.file, err.line, err.column) == ("suara_paslon.csv", 10 + 1 + 3, "suara"), str(err)


def test_quoted_newline_in_name_is_reported_at_its_line(tmp_path):
    """A line break inside a (quoted) name is a control character: the name's own line is named,
    not a later bad cell, and not a record index."""
    header, rows = valid_tables()["paslon.csv"]
    rows[1][3] = "H. RUDY MAS'UD, S.E., M.E. -\nIr. H. SENO AJI, M. Si."
    rows[3][2] = "x"
    err = load_error(write_package(tmp_path, {"paslon.csv": render((header, rows))}))
    assert (err.file, err.line, err.column) == ("paslon.csv", 3, "nama"), str(err)
    assert "kendali" in err.problem


def test_quoted_newline_then_ragged_row_reports_physical_line(tmp_path):
    header, rows = valid_tables()["suara_paslon.csv"]
    notes = ["catatan\npanjang"] + [""] * 11
    lines = render((header + ["catatan"], [r + [n] for r, n in zip(rows, notes)])).split("\n")
    # physical line 6 holds record 4; drop its last field
    lines[5] = lines[5].rsplit(",", 1)[0]
    err = load_error(write_package(tmp_path, {"suara_paslon.csv": "\n".join(lines)}))
    assert (err.file, err.line, err.column) == ("suara_paslon.csv", 6, "catatan"), str(err)


def test_bad_cell_deep_in_a_longer_file(tmp_path):
    header, _ = valid_tables()["suara_paslon.csv"]
    rows = [[TPS_CODES[i % 3], "pkwkp", str(1 + i % 2), str(i)] for i in range(80)]
    rows[49][3] = "1,234"
    err = load_error(write_package(tmp_path, {"suara_paslon.csv": render((header, rows))}))
    assert (err.file, err.line, err.column) == ("suara_paslon.csv", 51, "suara"), str(err)


def test_first_bad_cell_in_file_order_wins(tmp_path):
    header, rows = valid_tables()["c_hasil.csv"]
    rows[4][header.index("kode_tps")] = "x"  # line 6, an early column
    rows[2][header.index("suara_total")] = "-1"  # line 4, the last column
    rows[2][header.index("dpt_p")] = "1.0"  # line 4, an earlier column
    err = load_error(write_package(tmp_path, {"c_hasil.csv": render((header, rows))}))
    assert (err.file, err.line, err.column) == ("c_hasil.csv", 4, "dpt_p"), str(err)


def test_files_are_checked_in_contract_order(tmp_path):
    files = with_cell("suara_paslon.csv", 1, "suara", "x") | with_cell("tps.csv", 3, "dpt_l", "x")
    err = load_error(write_package(tmp_path, files))
    assert (err.file, err.line) == ("tps.csv", 4)


# ---------------------------------------------------------------------------------------------
# 3. the message


def test_message_names_file_line_and_column(tmp_path):
    err = load_error(write_package(tmp_path, with_cell("c_hasil.csv", 4, "suara_sah", "12.0")))
    assert str(err).startswith("c_hasil.csv, baris 5, kolom suara_sah: nilai '12.0' tidak dapat dipakai")
    assert "bilangan bulat" in str(err)


@pytest.mark.parametrize(("err", "text"), [
    (InputError("c_hasil.csv", 5, "suara_sah", "x"), "c_hasil.csv, baris 5, kolom suara_sah: x"),
    (InputError("tps.csv", None, None, "berkas wajib tidak ada"), "tps.csv: berkas wajib tidak ada"),
    (InputError("paslon.csv", 2, None, "tidak ada baris data"), "paslon.csv, baris 2: tidak ada baris data"),
])
def test_message_format(err, text):
    assert str(err) == text
