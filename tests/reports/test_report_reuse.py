"""Reports of unchanged units are reused from the previous release, not rendered again.

The package of test_koreksi (four TPS of Kota Balikpapan, a governor and a mayor contest); the
second run adds two corrections to the mayor form of TPS A (kecamatan 647101), which keep its
total: only the mayor contest's reports that show kecamatan 647101 may change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import write_koreksi
from rekap.stages.walk import recap_in_process
from rekap.reports import render_reports
from rekap.settings import RecapSettings
from test_koreksi import A, package

CORRECTIONS = [("K-1", A, "pkwkk", "suara:1", 100, 95), ("K-2", A, "pkwkk", "suara:2", 50, 55)]
MUST_CHANGE = {"laporan/pkwkk-6471/kecamatan-647101", "laporan/pkwkk-6471/kabkota-6471",
               "laporan/pkwkk-6471/penetapan", "laporan/pkwkk-6471"}


def settings(pkg: Path, out: Path, **kw) -> RecapSettings:
    return RecapSettings(input_dir=pkg, out_dir=out, threads=2, memory_limit="1GB", **kw)


def index(release: Path) -> dict:
    return json.loads((release / "laporan" / "indeks.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    base = tmp_path_factory.mktemp("reuse")
    first = recap_in_process(settings(package(base / "pkg1"), base / "out"))
    pkg2 = package(base / "pkg2")
    write_koreksi(pkg2, CORRECTIONS)
    second = recap_in_process(settings(pkg2, base / "out"))
    return first.path, second.path


def test_only_the_reports_showing_the_corrected_unit_are_rendered_again(releases):
    first, second = releases
    before, after = index(first), index(second)
    assert before.keys() == after.keys() and len(after) == 13  # 11 HTML/PDF reports + 2 workbooks
    rendered = {path for path, entry in after.items() if entry["rilis"] == second.name}
    reused = after.keys() - rendered
    assert MUST_CHANGE <= rendered <= {p for p in after if p.startswith("laporan/pkwkk-6471")}
    assert "laporan/pkwkk-6471/kecamatan-647102" in reused
    assert len(list((second / "laporan").rglob("*.*"))) == 25  # 11 × (HTML, PDF), 2 XLSX, the index
    assert {p for p in after if p.startswith("laporan/pkwkp-64")} <= reused
    for path in reused:  # the very files of the first release, linked, and listed with the same key
        assert after[path] == before[path]
        for file in (second / "laporan").rglob("*.*"):
            if file.with_suffix("").relative_to(second).as_posix() == path:
                assert file.stat().st_ino == (first / file.relative_to(second)).stat().st_ino
    for path in rendered:
        assert after[path]["kunci"] != before[path]["kunci"]


def test_a_reused_report_names_the_release_that_first_published_it(releases):
    first, second = releases
    old = (second / "laporan/pkwkp-64/provinsi-64.html").read_text(encoding="utf-8")
    new = (second / "laporan/pkwkk-6471/kecamatan-647101.html").read_text(encoding="utf-8")
    assert f"Rilis {first.name}" in old and f"Rilis {second.name}" in new
    assert "LAMPIRAN: KOREKSI HASIL PLENO" in new


def test_the_manifest_lists_reused_files_with_their_hashes(releases):
    first, second = releases
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["file"] for o in manifest["outputs"]}
    on_disk = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()} - {"manifest.json"}
    assert listed == on_disk and "laporan/pkwkp-64/provinsi-64.pdf" in listed


def test_pdf_missing_from_the_previous_release_is_rendered_from_the_reused_html(tmp_path):
    pkg = package(tmp_path / "pkg")
    first = recap_in_process(settings(pkg, tmp_path / "out", pdf=False)).path
    rendered = []

    def count(jobs, workers):
        rendered.extend(path.relative_to(tmp_path / "again").as_posix() for path, _ in jobs)
        from rekap.reports.pdf import render_pdfs
        return render_pdfs(jobs, workers=workers)

    render_reports(tmp_path / "out" / "rekap.duckdb", tmp_path / "again", release_id="rilis-berikut",
                   data_sha256="0" * 64, previous=first, pdf_renderer=count)
    assert len(rendered) == 11  # every report's PDF, none of the HTML
    again = index(tmp_path / "again")
    assert {e["rilis"] for e in again.values()} == {first.name}
    html = (tmp_path / "again/laporan/pkwkk-6471/penetapan.html")
    assert html.stat().st_ino == (first / "laporan/pkwkk-6471/penetapan.html").stat().st_ino
    assert (tmp_path / "again/laporan/pkwkk-6471/penetapan.pdf").stat().st_size > 1000


def test_changed_templates_render_everything_again(tmp_path, monkeypatch):
    from rekap.reports import reuse
    pkg = package(tmp_path / "pkg")
    first = recap_in_process(settings(pkg, tmp_path / "out", pdf=False)).path
    monkeypatch.setattr(reuse, "renderer_digest", lambda: "templat-baru")
    render_reports(tmp_path / "out" / "rekap.duckdb", tmp_path / "again", release_id="rilis-berikut",
                   data_sha256="0" * 64, previous=first, pdf=False)
    assert {e["rilis"] for e in index(tmp_path / "again").values()} == {"rilis-berikut"}
