"""The election's vocabulary in one table: levels, contest types, exit codes.

Every module, the SQL (through `sql/_macros/tingkat.sql`, which binds these values into session
variables) and the templates (through the report contexts) read the levels from here; nothing
else declares level names, code lengths, parents or labels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    """One level of the tiered recap (domain.md §1)."""

    name: str  # as in the contract's `tingkat`: tps, desa, kecamatan, kabkota, provinsi
    code_length: int  # digits of a Kemendagri code at this level; the parent of a code is its prefix
    child: str | None  # the level summed into this one (None for TPS)
    label: str  # in a heading: 'Kabupaten/Kota'
    word: str  # inside a sentence: 'kabupaten/kota'
    members: str  # how a unit's children are named in explanations: 'desa/kelurahan di bawahnya'
    body: str | None  # who holds the plenary and signs its recap (None: no plenary at this level)
    form_model: str | None  # the D.Hasil model adopted at this level

    @property
    def rank(self) -> int:
        """Top-down order of exports and drill-downs: provinsi 1 … tps 5."""
        return len(LEVELS) - LEVELS.index(self)

    @property
    def parent(self) -> str | None:
        return next((lv.name for lv in LEVELS if lv.child == self.name), None)


# Bottom-up: each level is built from the one before it.
LEVELS: tuple[Level, ...] = (
    Level("tps", 13, None, "TPS", "TPS", "TPS", "KPPS", None),
    Level("desa", 10, "tps", "Desa/Kelurahan", "desa/kelurahan", "TPS yang lolos", None, None),
    Level("kecamatan", 6, "desa", "Kecamatan", "kecamatan", "desa/kelurahan", "PPK",
          "MODEL D.HASIL KECAMATAN-KWK"),
    Level("kabkota", 4, "kecamatan", "Kabupaten/Kota", "kabupaten/kota", "kecamatan", "KPU Kabupaten/Kota",
          "MODEL D.HASIL KABKO-KWK"),
    Level("provinsi", 2, "kabkota", "Provinsi", "provinsi", "kabupaten/kota", "KPU Provinsi",
          "MODEL D.HASIL PROV-KWK-GUBERNUR"),
)
LEVEL: dict[str, Level] = {lv.name: lv for lv in LEVELS}
LEVEL_NAMES: tuple[str, ...] = tuple(lv.name for lv in LEVELS)  # bottom-up
TOP_DOWN: tuple[str, ...] = tuple(reversed(LEVEL_NAMES))
LEVEL_BY_LENGTH: dict[int, str] = {lv.code_length: lv.name for lv in LEVELS}
# The levels above TPS, each the sum of its children, checked by the aggregate gates.
AGGREGATE_LEVELS: tuple[str, ...] = tuple(lv.name for lv in LEVELS if lv.child)
# The levels a D.Hasil form (and a plenary) exists for.
FORM_LEVELS: tuple[str, ...] = tuple(lv.name for lv in LEVELS if lv.form_model)


def level_of_code(kode: str) -> str | None:
    """'6471' → 'kabkota'; None for a length that is no level."""
    return LEVEL_BY_LENGTH.get(len(kode))


@dataclass(frozen=True)
class ContestType:
    """A kind of contest (`jenis`): whom it elects and which unit decides it."""

    jenis: str
    code_length: int  # `kode_kontes` is the code of the region it elects for
    top: str  # the level whose unit determines the result
    office: str  # 'Gubernur dan Wakil Gubernur'; for pkwkk it depends on the region (`office_of`)


CONTEST_TYPES: dict[str, ContestType] = {
    "pkwkp": ContestType("pkwkp", 2, "provinsi", "Gubernur dan Wakil Gubernur"),
    "pkwkk": ContestType("pkwkk", 4, "kabkota", "Bupati dan Wakil Bupati"),
}
JENIS: tuple[str, ...] = tuple(CONTEST_TYPES)


def is_kota(nama: str) -> bool:
    return (nama or "").upper().startswith("KOTA ")


def office_of(jenis: str, nama: str) -> str:
    """What a contest elects: 'Gubernur dan Wakil Gubernur', 'Wali Kota dan Wakil Wali Kota', …"""
    if jenis == "pkwkk" and is_kota(nama):
        return "Wali Kota dan Wakil Wali Kota"
    return CONTEST_TYPES[jenis].office if jenis in CONTEST_TYPES else jenis


_SHORT = {"Gubernur dan Wakil Gubernur": "Pilgub", "Wali Kota dan Wakil Wali Kota": "Pilwalkot",
          "Bupati dan Wakil Bupati": "Pilbup"}


def contest_title(jenis: str, kode_kontes: str, nama: str) -> str:
    """'Pemilihan Wali Kota dan Wakil Wali Kota KOTA BALIKPAPAN' (the region as the data names it)."""
    nama = nama or kode_kontes
    if jenis not in CONTEST_TYPES:
        return f"{jenis} {nama}"
    return f"Pemilihan {office_of(jenis, nama)} {nama}"


def contest_short(jenis: str, kode_kontes: str, nama: str) -> str:
    """'Pilwalkot KOTA BALIKPAPAN'."""
    nama = nama or kode_kontes
    if jenis not in CONTEST_TYPES:
        return f"{jenis} {nama}"
    return f"{_SHORT[office_of(jenis, nama)]} {nama}"


# Exit status of the commands (contract: `rekap run`); the other commands use the same meanings.
EXIT_FINAL = 0  # every contest final / the command did its job
EXIT_INTERNAL = 1  # internal failure: nothing published
EXIT_INPUT = 2  # unusable input (file, line and column named): nothing written
EXIT_PROVISIONAL = 3  # checks held some units back: a provisional release


# --- the plenary (rapat pleno) ---------------------------------------------------------------------

# The status of a unit in the plenary process (contract: data/pleno.csv), in the order it moves.
PLENO_STATUS = {
    "belum_lengkap": "belum lengkap",  # a TPS under it is missing or held
    "siap_pleno": "siap pleno",  # every TPS in and passed, every child unit adopted
    "ditetapkan": "ditetapkan pleno",  # adopted by its plenary
    "dibuka_kembali": "dibuka kembali",  # a post-plenary correction with a legal basis reopened it
}
# Where a plenary's deadline stands (against the jadwal and the run's reference time).
KETEPATAN = {"tepat_waktu": "tepat waktu", "terlambat": "terlambat", "lewat_jadwal": "lewat jadwal",
             "belum_jatuh_tempo": "belum jatuh tempo"}

# Indonesia's three time zones by province code (domain.md): deadlines end at 23:59 local time.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def zone_of(kode: str) -> tuple[str, int]:
    """('WITA', 8): the zone of a region code and its UTC offset in hours."""
    provinsi = kode[:2]
    if provinsi in _WIT:
        return "WIT", 9
    if provinsi in _WITA:
        return "WITA", 8
    return "WIB", 7
