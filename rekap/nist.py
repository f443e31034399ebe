"""The release's NIST SP 1500-100 v2 election results report: nist/election_report.xml and .json.

One ElectionReport: the Pilkada as one Election, a CandidateContest per contest, a Candidate and a
CandidateSelection per ballot column (the kolom kosong included, marked by an ExternalIdentifier),
and a ReportingUnit for the country and every province, kab/kota, kecamatan, desa and TPS. Only
counted numbers go in (a held TPS has no VoteCounts). The mapping and its decisions are in
docs/nist.md. DuckDB renders both files as streams of text fragments (sql/nist/xml.sql,
sql/nist/json.sql) from four relations built here, so a national report never sits in memory;
the two files are rendered at once, each by its own cursor (an ordered write is largely serial).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rekap.recap import summarize
from rekap.reference import reference_file
from rekap.sqlfiles import run_sql

NIST_DIR = "nist"
XML_FILE = "election_report.xml"
JSON_FILE = "election_report.json"
XSD_FILE = "nist/NIST_V2_election_results_reporting.xsd"
JSON_SCHEMA_FILE = "nist/NIST_V2_election_results_reporting.json"

# The election this project recaps (docs/domain.md §1): one polling day for every contest.
ELECTION_NAME = "Pemilihan Gubernur, Bupati, dan Wali Kota Serentak 2024"
POLLING_DAY = "2024-11-27"
ISSUER = "Komisi Pemilihan Umum"
ISSUER_ABBREVIATION = "KPU"
# no version: a new code version with the same figures must not change the report's bytes
VENDOR_APPLICATION = "rekap"
NOTES = ("Hasil rekapitulasi berjenjang. Hanya angka TPS yang lolos semua pemeriksaan yang dijumlahkan dan "
         "dimuat di sini; angka TPS yang ditahan ada di data/hasil.csv dan alasannya di data/pengecualian.csv.")

# built before rendering, in this order (each reads the ones before it)
_RELATIONS = ("nist/unit", "nist/kontes", "nist/pilihan", "nist/suara")


@dataclass(frozen=True)
class NistReport:
    xml: Path
    json: Path
    status: str
    generated: str


def report_status(final: bool, corrected: bool) -> str:
    """NIST ResultsStatus of a release: `certified` when every contest is final; else `correction`
    when plenary corrections changed figures since the previous release; else `unofficial-partial`."""
    if final:
        return "certified"
    return "correction" if corrected else "unofficial-partial"


def write_nist_report(con: duckdb.DuckDBPyConnection, release_dir: Path, changelog: Path) -> NistReport:
    """Write nist/election_report.xml and .json into `release_dir` from the recap in `con`;
    `changelog` is the release's data/changelog.csv (a correction release is told by it)."""
    run_sql(con, "nist/macros")  # also attaches the in-memory database the relations live in
    try:
        for relation in _RELATIONS:
            run_sql(con, relation)
        generated, corrected = run_sql(con, "nist/dasar", {"changelog": str(changelog)}).fetchone()
        status = report_status(summarize(con).final, corrected > 0)
        # without any submission time, the polling day itself: still derived from no clock
        generated = generated or f"{POLLING_DAY}T00:00:00Z"
        folder = release_dir / NIST_DIR
        folder.mkdir(parents=True, exist_ok=True)
        params = {
            "nama_pemilihan": ELECTION_NAME,
            "tanggal": POLLING_DAY,
            "dibuat": generated,
            "penerbit": ISSUER,
            "singkatan_penerbit": ISSUER_ABBREVIATION,
            "catatan": NOTES,
            "status": status,
            "aplikasi": VENDOR_APPLICATION,
        }
        xml, json_ = folder / XML_FILE, folder / JSON_FILE
        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = [pool.submit(_render, con, name, params | {"path": str(path)})
                    for name, path in (("nist/xml", xml), ("nist/json", json_))]
            for job in jobs:
                job.result()
    finally:
        run_sql(con, "nist/selesai")
    return NistReport(xml, json_, status, generated)


def _render(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> None:
    """One COPY on a cursor of its own (a connection to the same database instance)."""
    with con.cursor() as cursor:
        run_sql(cursor, name, params)


def xsd_path() -> Path:
    """NIST's XML Schema of the format, shipped in rekap/reference/nist/ (see its SOURCE.md)."""
    return reference_file(XSD_FILE)


def json_schema_path() -> Path:
    """NIST's JSON Schema of the format, shipped beside the XSD."""
    return reference_file(JSON_SCHEMA_FILE)
