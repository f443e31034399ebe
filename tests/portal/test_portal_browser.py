"""The portal in a real browser: Debian's Chromium, headless, driven by Playwright.

Open the release list, drill down by clicking to a kecamatan, check a figure on the page against
hasil.csv, check that the stylesheet and the server-rendered bars survive the CSP, download the
kecamatan's PDF report (its text through pdftotext) or, while releases carry no PDF yet, the data
CSV, and keep a screenshot (also copied to /tmp/portal-screenshot.png).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from rekap.findings import angka
from test_portal import csv_rows, publish_release, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOT_COPY = Path("/tmp/portal-screenshot.png")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt install chromium)")


def test_browser_drill_down_figure_and_download(tmp_path):
    from playwright.sync_api import sync_playwright

    out, rid = publish_release(tmp_path / "rilis", pdf=True)
    release = out / "releases" / rid
    hasil = {(r["jenis"], r["kode_kontes"], r["tingkat"], r["kode_wilayah"], r["nomor_urut"]): r
             for r in csv_rows(release / "data" / "hasil.csv")}
    expected = int(hasil[("pkwkk", "6471", "kecamatan", "647101", "1")]["suara"])

    with running_server(out) as (_server, url, _host, _port), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                          locale="id-ID")
            page = context.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            # (a download ends its navigation with ERR_ABORTED: that is not a failure)
            page.on("requestfailed", lambda r: None if "/unduh/" in r.url and "ERR_ABORTED" in (r.failure or "")
                    else problems.append(f"{r.url}: {r.failure}"))

            page.goto(f"{url}/")
            assert page.locator("h1").inner_text() == "Daftar rilis"
            page.click(f'a[href="/rilis/{rid}/"]')
            page.wait_for_url(f"{url}/rilis/{rid}/")
            page.click("text=Pemilihan Wali Kota dan Wakil Wali Kota KOTA BALIKPAPAN")
            page.wait_for_url(f"{url}/rilis/{rid}/pkwkk-6471/6471")
            page.click('table.anak a:has-text("Balikpapan Timur")')
            page.wait_for_url(f"{url}/rilis/{rid}/pkwkk-6471/647101")
            assert page.locator("h1").inner_text().startswith("Kecamatan Balikpapan Timur")

            # the figure on the page is hasil.csv's, written the Indonesian way
            shown = page.locator('table.hasil tr[data-nomor="1"] td.suara').inner_text().strip()
            assert shown == angka(expected)
            # the stylesheet loaded and the bars kept their server-rendered widths under the CSP
            header_bg = page.locator(".kepala").evaluate("e => getComputedStyle(e).backgroundColor")
            assert header_bg == "rgb(164, 22, 26)"
            bar = page.locator('table.hasil tr[data-nomor="1"] .batang > span').bounding_box()
            track = page.locator('table.hasil tr[data-nomor="1"] .batang').bounding_box()
            total = sum(int(hasil[("pkwkk", "6471", "kecamatan", "647101", n)]["suara"]) for n in ("1", "2"))
            assert bar and track and abs(bar["width"] / track["width"] - expected / total) < 0.02

            shot = tmp_path / "kecamatan-647101.png"
            page.screenshot(path=str(shot), full_page=True)
            shutil.copyfile(shot, SCREENSHOT_COPY)

            pdf_link = page.locator(f'a[href="/unduh/{rid}/laporan/pkwkk-6471/kecamatan-647101.pdf"]')
            if pdf_link.count():
                with page.expect_download() as info:
                    pdf_link.first.click()
                saved = tmp_path / "kecamatan-647101.pdf"
                info.value.save_as(saved)
                assert saved.read_bytes().startswith(b"%PDF")
                text = subprocess.run(["pdftotext", "-layout", str(saved), "-"], check=True,
                                      capture_output=True, text=True).stdout
                assert "Balikpapan Timur" in text or "BALIKPAPAN TIMUR" in text
                assert angka(expected) in text or str(expected) in text
            else:  # no PDF in this release yet: the data CSV the page offers holds the same figure
                with page.expect_download() as info:
                    page.click(f'#unduhan a[href="/unduh/{rid}/data/hasil.csv"]')
                saved = tmp_path / "hasil.csv"
                info.value.save_as(saved)
                assert saved.read_bytes() == (release / "data" / "hasil.csv").read_bytes()
                with saved.open(encoding="utf-8", newline="") as f:
                    row = next(r for r in csv.DictReader(f)
                               if (r["jenis"], r["tingkat"], r["kode_wilayah"], r["nomor_urut"])
                               == ("pkwkk", "kecamatan", "647101", "1"))
                assert angka(int(row["suara"])) == shown

            # a held TPS in the browser: highlighted, with its reason
            page.goto(f"{url}/rilis/{rid}/pkwkk-6471/6471021001")
            held = page.locator('tr[data-kode="6471021001001"]')
            assert "baris-tahan" in (held.get_attribute("class") or "")
            assert "jumlah suara 999" in held.inner_text()
            page.screenshot(path=str(tmp_path / "desa-6471021001.png"), full_page=True)

            assert problems == []
        finally:
            browser.close()
