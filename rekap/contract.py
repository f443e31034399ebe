"""The input package of the contract (shared docs/contract.md): files, columns and cell formats."""

from __future__ import annotations

from dataclasses import dataclass, field

from rekap.sqlfiles import relation

# Written totals and counts of the TPS form, in the contract's order (also the order of
# administrasi.csv's summed columns).
C_HASIL_COUNTS: tuple[str, ...] = (
    "dpt_l", "dpt_p", "dpph_l", "dpph_p", "dptb_l", "dptb_p", "pemilih_jumlah",
    "pengguna_dpt_l", "pengguna_dpt_p", "pengguna_dpph_l", "pengguna_dpph_p",
    "pengguna_dptb_l", "pengguna_dptb_p", "pengguna_jumlah",
    "disabilitas_l", "disabilitas_p", "pengguna_disabilitas_l", "pengguna_disabilitas_p",
    "ss_diterima", "ss_rusak", "ss_tidak_digunakan", "ss_digunakan",
    "suara_sah", "suara_tidak_sah", "suara_total",
)

# Cell formats. RE2 syntax, matched against the whole cell. Counts are capped at 18 digits so
# that every sum over the whole country still fits a BIGINT.
COUNT = r"[0-9]{1,18}"
KODE_TPS = r"[0-9]{13}"
KODE_KONTES = r"[0-9]{2}|[0-9]{4}"
KODE_WILAYAH = r"[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10}"
JENIS = r"pkwkp|pkwkk"
NOMOR_URUT = r"[1-9][0-9]{0,2}"
BOOLEAN = r"true|false|TRUE|FALSE|True|False"
TEXT = r"[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f ][^\x00-\x1f\x7f]*"  # non-blank, no control characters
TIMESTAMP = (r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?"
             r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?")
KOLOM_KOREKSI = r"[a-z_]+|suara:[1-9][0-9]{0,2}"
TINGKAT_KOREKSI = r"kecamatan|kabkota|provinsi"
TINGKAT_PLENO = TINGKAT_KOREKSI
# A plenary's times carry their zone: a deadline ends at 23:59 of the unit's own zone (WIB/WITA/WIT).
TIMESTAMP_TZ = (r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?"
                r"(Z|[+-][0-9]{2}:?[0-9]{2})")
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
# Berita acara: `urut/kode klasifikasi/kode wilayah/tahun`, e.g. 14/PL.02.7-BA/64/2025 (pleno.md §7)
NOMOR_BERITA_ACARA = r"[0-9]{1,6}(/[A-Za-z0-9.\-]+)+/(19|20)[0-9]{2}"
# Keputusan KPU: its running number and year, `411/2024` (printed NOMOR 411 TAHUN 2024)
NOMOR_KEPUTUSAN = r"[1-9][0-9]{0,5}/(19|20)[0-9]{2}"
RILIS = r"[0-9a-f]{16}"


@dataclass(frozen=True)
class CellRule:
    columns: tuple[str, ...]
    pattern: str
    expected: str  # what the cell should hold, in the words of the error message
    allow_blank: bool = False
    # the rule's name in a one-pass read (InputFile.typed): bound there as $pola_<param>, $kosong_<param>
    param: str | None = None


@dataclass(frozen=True)
class InputFile:
    name: str
    sql: str  # the SQL file that stages it as text (its table is named after the file)
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    mandatory_file: bool = True
    rules: tuple[CellRule, ...] = field(default=())
    # The big files are read in one pass straight into their typed table (`typed`, a file of sql/staging), each
    # row flagged with whether every cell passed its rule; only a file that has a bad cell is read
    # again as text (`sql`) to name it. None: staged as text, then checked, then cast.
    typed: str | None = None

    @property
    def table(self) -> str:
        """The staging table (text) the file is read into."""
        return relation(self.sql)

    @property
    def typed_table(self) -> str | None:
        return relation(self.typed) if self.typed else None


_COUNT_WORDS = "bilangan bulat ≥ 0 tanpa pemisah ribuan atau desimal (contoh: 1234)"

PASLON = InputFile(
    "paslon.csv", "staging/stg_paslon",
    ("jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong"),
    rules=(
        CellRule(("jenis",), JENIS, "pkwkp atau pkwkk"),
        CellRule(("kode_kontes",), KODE_KONTES, "kode wilayah 2 digit (pkwkp) atau 4 digit (pkwkk)"),
        CellRule(("nomor_urut",), NOMOR_URUT, "nomor urut 1–999"),
        CellRule(("nama",), TEXT, "nama tanpa karakter kendali"),
        CellRule(("kolom_kosong",), BOOLEAN, "true atau false"),
    ),
)
TPS = InputFile(
    "tps.csv", "staging/stg_tps",
    ("kode_tps", "dpt_l", "dpt_p"), optional=("lokasi_khusus",),
    rules=(
        CellRule(("kode_tps",), KODE_TPS, "kode TPS 13 digit"),
        CellRule(("dpt_l", "dpt_p"), COUNT, _COUNT_WORDS),
        CellRule(("lokasi_khusus",), BOOLEAN, "true atau false", allow_blank=True),
    ),
)
C_HASIL = InputFile(
    "c_hasil.csv", "staging/stg_c_hasil",
    ("kode_tps", "jenis", *C_HASIL_COUNTS), optional=("diterima_pada",),
    rules=(
        CellRule(("kode_tps",), KODE_TPS, "kode TPS 13 digit", param="kode_tps"),
        CellRule(("jenis",), JENIS, "pkwkp atau pkwkk", param="jenis"),
        CellRule(C_HASIL_COUNTS, COUNT, _COUNT_WORDS, param="hitungan"),
        CellRule(("diterima_pada",), TIMESTAMP, "waktu ISO 8601 (contoh: 2024-11-28T10:15:00+08:00)",
                 allow_blank=True, param="waktu"),
    ),
    typed="staging/c_hasil",
)
SUARA_PASLON = InputFile(
    "suara_paslon.csv", "staging/stg_suara_paslon",
    ("kode_tps", "jenis", "nomor_urut", "suara"),
    rules=(
        CellRule(("kode_tps",), KODE_TPS, "kode TPS 13 digit", param="kode_tps"),
        CellRule(("jenis",), JENIS, "pkwkp atau pkwkk", param="jenis"),
        CellRule(("nomor_urut",), NOMOR_URUT, "nomor urut 1–999", param="nomor_urut"),
        CellRule(("suara",), COUNT, _COUNT_WORDS, param="suara"),
    ),
    typed="staging/suara_paslon",
)
WILAYAH = InputFile(
    "wilayah.csv", "staging/stg_wilayah", ("kode", "nama"), mandatory_file=False,
    rules=(
        CellRule(("kode",), KODE_WILAYAH, "kode wilayah 2, 4, 6 atau 10 digit tanpa titik"),
        CellRule(("nama",), TEXT, "nama tanpa karakter kendali"),
    ),
)
KOREKSI = InputFile(
    "koreksi.csv", "staging/stg_koreksi",
    ("id", "kode_tps", "jenis", "kolom", "nilai_lama", "nilai_baru", "tingkat", "alasan", "dokumen"),
    optional=("dasar",),  # the legal basis of a correction after the unit's plenary (reopens it)
    mandatory_file=False,
    rules=(
        CellRule(("id", "alasan", "dokumen"), TEXT, "teks tanpa karakter kendali"),
        CellRule(("dasar",), TEXT, "dasar hukum tanpa karakter kendali", allow_blank=True),
        CellRule(("kode_tps",), KODE_TPS, "kode TPS 13 digit"),
        CellRule(("jenis",), JENIS, "pkwkp atau pkwkk"),
        CellRule(("kolom",), KOLOM_KOREKSI, "nama kolom c_hasil atau suara:<nomor_urut>"),
        CellRule(("nilai_lama", "nilai_baru"), COUNT, _COUNT_WORDS),
        CellRule(("tingkat",), TINGKAT_KOREKSI, "kecamatan, kabkota atau provinsi"),
    ),
)


# --- the plenary (contract: "Rapat pleno") --------------------------------------------------------------
_TEXT_WORDS = "teks tanpa karakter kendali"
_TS_WORDS = "waktu ISO 8601 dengan zona (contoh: 2024-12-05T14:20:00+08:00)"
PLENO = InputFile(
    "pleno.csv", "pleno/stg_pleno",
    ("id", "jenis", "kode_kontes", "tingkat", "kode_wilayah", "mulai", "selesai", "tempat",
     "nomor_berita_acara", "rilis"),
    optional=("nomor_keputusan",), mandatory_file=False,
    rules=(
        CellRule(("id", "tempat"), TEXT, _TEXT_WORDS),
        CellRule(("jenis",), JENIS, "pkwkp atau pkwkk"),
        CellRule(("kode_kontes",), KODE_KONTES, "kode wilayah 2 digit (pkwkp) atau 4 digit (pkwkk)"),
        CellRule(("tingkat",), TINGKAT_PLENO, "kecamatan, kabkota atau provinsi"),
        CellRule(("kode_wilayah",), KODE_WILAYAH, "kode wilayah 2, 4 atau 6 digit tanpa titik"),
        CellRule(("mulai", "selesai"), TIMESTAMP_TZ, _TS_WORDS),
        CellRule(("nomor_berita_acara",), NOMOR_BERITA_ACARA,
                 "nomor berita acara urut/klasifikasi/kode wilayah/tahun (contoh: 14/PL.02.7-BA/64/2024)"),
        CellRule(("nomor_keputusan",), NOMOR_KEPUTUSAN, "nomor/tahun keputusan (contoh: 411/2024)",
                 allow_blank=True),
        CellRule(("rilis",), RILIS, "id rilis 16 karakter heksadesimal (OUT/releases/<id>)"),
    ),
)
PLENO_HADIR = InputFile(
    "pleno_hadir.csv", "pleno/stg_pleno_hadir",
    ("pleno_id", "peran", "nomor_urut", "nama", "tanda_tangan"), optional=("alasan",), mandatory_file=False,
    rules=(
        CellRule(("pleno_id", "nama"), TEXT, _TEXT_WORDS),
        CellRule(("peran",), r"anggota|saksi|pengawas", "anggota, saksi atau pengawas"),
        CellRule(("nomor_urut",), NOMOR_URUT, "nomor urut paslon 1–999 (saksi saja)", allow_blank=True),
        CellRule(("tanda_tangan",), r"ya|menolak|tidak_hadir", "ya, menolak atau tidak_hadir"),
        CellRule(("alasan",), TEXT, _TEXT_WORDS, allow_blank=True),
    ),
)
KEBERATAN = InputFile(
    "keberatan.csv", "pleno/stg_keberatan",
    ("pleno_id", "nomor", "pengaju", "nomor_urut", "uraian", "tanggapan"), optional=("kode_tps", "koreksi_id"),
    mandatory_file=False,
    rules=(
        CellRule(("pleno_id", "uraian", "tanggapan"), TEXT, _TEXT_WORDS),
        CellRule(("nomor",), NOMOR_URUT, "nomor urut keberatan 1–999"),
        CellRule(("pengaju",), r"saksi|pengawas", "saksi atau pengawas"),
        CellRule(("nomor_urut",), NOMOR_URUT, "nomor urut paslon 1–999 (saksi saja)", allow_blank=True),
        CellRule(("kode_tps",), KODE_TPS, "kode TPS 13 digit", allow_blank=True),
        CellRule(("koreksi_id",), TEXT, _TEXT_WORDS, allow_blank=True),
    ),
)
SENGKETA = InputFile(
    "sengketa.csv", "pleno/stg_sengketa",
    ("jenis", "kode_kontes", "nomor_perkara", "diajukan_pada"), optional=("putusan", "dibacakan_pada"),
    mandatory_file=False,
    rules=(
        CellRule(("jenis",), JENIS, "pkwkp atau pkwkk"),
        CellRule(("kode_kontes",), KODE_KONTES, "kode wilayah 2 digit (pkwkp) atau 4 digit (pkwkk)"),
        CellRule(("nomor_perkara",), TEXT, _TEXT_WORDS),
        CellRule(("diajukan_pada",), TIMESTAMP_TZ, _TS_WORDS),
        CellRule(("putusan",), r"tidak_dapat_diterima|ditolak|dikabulkan_psu|dikabulkan_perbaikan",
                 "tidak_dapat_diterima, ditolak, dikabulkan_psu atau dikabulkan_perbaikan (kosong: belum diputus)",
                 allow_blank=True),
        CellRule(("dibacakan_pada",), TIMESTAMP_TZ, _TS_WORDS, allow_blank=True),
    ),
)
JADWAL = InputFile(
    "jadwal.csv", "pleno/stg_jadwal", ("tahapan", "mulai", "selesai"), mandatory_file=False,
    rules=(
        CellRule(("tahapan",), r"pemungutan|kecamatan|kabkota|provinsi", "pemungutan, kecamatan, kabkota atau provinsi"),
        CellRule(("mulai", "selesai"), DATE, "tanggal YYYY-MM-DD"),
    ),
)
HARI_LIBUR = InputFile(
    "hari_libur.csv", "pleno/stg_hari_libur", ("tanggal", "nama"), mandatory_file=False,
    rules=(CellRule(("tanggal",), DATE, "tanggal YYYY-MM-DD"), CellRule(("nama",), TEXT, _TEXT_WORDS)),
)
PLENO_FILES: tuple[InputFile, ...] = (PLENO, PLENO_HADIR, KEBERATAN, SENGKETA, JADWAL, HARI_LIBUR)

INPUT_FILES: tuple[InputFile, ...] = (PASLON, TPS, C_HASIL, SUARA_PASLON, WILAYAH, KOREKSI, *PLENO_FILES)
