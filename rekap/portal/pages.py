"""The portal's pages: what each shows, read from a published release (rekap.published.releases).

Each page is a template of templates/portal/ and its context; `rekap.portal.routes` picks the page
for a request target and renders it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rekap.domain import LEVEL, LEVEL_BY_LENGTH, TOP_DOWN
from rekap.explain import ExplainError, column_from_segment, explain_release
from rekap.portal.asal import explanation_view
from rekap.portal.tables import admin_view, children_view, findings_view, results_view, unit_view
from rekap.portal.views import (
    FINDINGS_LIMIT,
    contest_files,
    contest_names,
    contest_view,
    crumb,
    file_link,
    link,
    pleno_view,
    release_summary,
    unit_files,
)
from rekap.published.releases import Releases
from rekap.published.titles import unit_title

RECONCILE_ROWS_LIMIT = 300  # rows of units that are not `sama` shown per reconciliation
LEVELS = TOP_DOWN  # provinsi … tps, the drill-down order
Page = tuple[str, dict[str, Any]]

DATA_LABELS = {
    "data/hasil.csv": "perolehan suara per wilayah dan paslon",
    "data/administrasi.csv": "TPS, data pemilih dan penggunaan surat suara per wilayah",
    "data/penetapan.csv": "penetapan per kontes",
    "data/pengecualian.csv": "temuan pemeriksaan (TPS dan wilayah yang ditahan)",
    "data/koreksi.csv": "koreksi pleno: yang diterapkan dan yang ditolak, dengan alasannya",
    "data/changelog.csv": "perubahan angka TPS terhadap rilis sebelumnya dan sebabnya",
    "manifest.json": "daftar berkas masukan dan keluaran dengan SHA-256",
}


class NotFound(Exception):
    pass


def page(template: str, **context: Any) -> Page:
    return template, context


def code_length(tingkat: str) -> int:
    return LEVEL[tingkat].code_length


class Pages:
    """The pages over the releases under one OUT."""

    def __init__(self, releases: Releases):
        self.releases = releases

    def index(self) -> Page:
        latest = self.releases.latest_id()
        items = []
        for rid in self.releases.ids():
            manifest = self.releases.manifest(rid)
            if manifest is None:
                continue
            items.append(release_summary(rid, manifest, latest))
        items.sort(key=lambda r: (r["finished_at"], r["id"]), reverse=True)
        return page("index.html", judul="Daftar rilis", jejak=[], rilis_daftar=items,
                         ada_latest=latest is not None)

    def release_page(self, rid: str) -> Page:
        manifest = self.releases.manifest(rid)
        if manifest is None:
            raise NotFound
        info = release_summary(rid, manifest, self.releases.latest_id())
        data = self.releases.data(rid)
        files = self.releases.files(rid)
        groups: list[dict[str, Any]] = []
        for row in data.rows("read/portal_kontes", {}):
            contest = contest_view(rid, row, files)
            if not groups or groups[-1]["kode"] != row["kode_provinsi"]:
                groups.append({"kode": row["kode_provinsi"], "nama": row["nama_provinsi"] or row["kode_provinsi"],
                               "kontes": []})
            groups[-1]["kontes"].append(contest)
        downloads = [file_link(rid, entry, DATA_LABELS.get(entry.path, ""))
                     for path, entry in sorted(files.items())
                     if path in DATA_LABELS or (path.startswith("data/") and path.count("/") == 1)]
        validation = [file_link(rid, entry, "hasil pemeriksaan " + Path(path).stem.replace("_", " "))
                      for path, entry in sorted(files.items())
                      if path.startswith("validasi/") and path.count("/") == 1]
        late = [pleno_view({**r, "rilis_ini": rid}) for r in data.rows("read/portal_pleno_terlambat", {})]
        return page("rilis.html", judul=f"Rilis {rid}", pleno_terlambat=late,
                         jejak=[crumb("Daftar rilis", "/"), crumb(f"Rilis {rid}", None)],
                         rilis=info, kelompok=groups, unduhan_data=downloads, unduhan_validasi=validation,
                         jumlah_kontes=sum(len(g["kontes"]) for g in groups))

    def unit_page(self, rid: str, jenis: str, kode_kontes: str, kode: str) -> Page:
        manifest = self.releases.manifest(rid)
        if manifest is None:
            raise NotFound
        top = LEVEL_BY_LENGTH[len(kode_kontes)]
        if not kode.startswith(kode_kontes) or len(kode) not in LEVEL_BY_LENGTH:
            raise NotFound
        data = self.releases.data(rid)
        key = {"jenis": jenis, "kode_kontes": kode_kontes}
        unit = data.one("read/portal_unit", {**key, "kode_wilayah": kode})
        if unit is None:
            raise NotFound
        tingkat = unit["tingkat"]
        info = release_summary(rid, manifest, self.releases.latest_id())
        top_unit = unit if tingkat == top else data.one("read/portal_unit", {**key, "kode_wilayah": kode_kontes})
        contest = contest_names(jenis, kode_kontes, top_unit["nama_wilayah"] if top_unit else kode_kontes)
        contest["href"] = link("rilis", rid, f"{jenis}-{kode_kontes}", kode_kontes)

        # breadcrumb: releases › release › the contest's top unit › … › this unit
        levels = LEVELS[LEVELS.index(top):LEVELS.index(tingkat)] if tingkat in LEVELS else ()
        above = data.rows("read/portal_leluhur", {**key, "kode": [kode[:code_length(lv)] for lv in levels]})
        jejak = [crumb("Daftar rilis", "/"), crumb(f"Rilis {rid}", link("rilis", rid, trailing=True))]
        for row in above:
            jejak.append(crumb(unit_title(row["tingkat"], row["nama_wilayah"]),
                               link("rilis", rid, f"{jenis}-{kode_kontes}", row["kode_wilayah"])))
        jejak.append(crumb(unit_title(tingkat, unit["nama_wilayah"]), None))

        votes = data.rows("read/portal_unit_hasil", {**key, "tingkat": tingkat, "kode_wilayah": kode})
        results, note = results_view(votes, unit["suara_sah"])

        findings = data.rows("read/portal_temuan", {**key, "kode_wilayah": kode, "batas": FINDINGS_LIMIT})
        reasons: dict[str, list[dict[str, str]]] = {}
        for f in findings:
            reasons.setdefault(f["kode_wilayah"], []).append(
                {"keparahan": f["keparahan"], "keterangan": f["keterangan"], "aturan": f["aturan"]})

        children = None
        if tingkat in LEVELS and tingkat != "tps":
            child = LEVELS[LEVELS.index(tingkat) + 1]
            params = {**key, "tingkat": child, "induk": kode}
            rows = data.rows("read/portal_anak", {**params, "panjang_anak": code_length(child)})
            child_votes = data.rows("read/portal_anak_hasil", params)
            children = children_view(rid, jenis, kode_kontes, child, rows, child_votes, results, reasons)

        files = self.releases.files(rid)
        own_reports = unit_files(rid, files, jenis, kode_kontes, tingkat, kode)
        # D.Hasil reports exist from kecamatan up: a desa or TPS offers its kecamatan's
        kecamatan = next((r for r in above if r["tingkat"] == "kecamatan"), None)
        parent_reports = (unit_files(rid, files, jenis, kode_kontes, "kecamatan", kecamatan["kode_wilayah"])
                          if kecamatan and tingkat in ("desa", "tps") else [])
        pleno = data.one("read/portal_unit_pleno", {**key, "kode_wilayah": kode})
        return page(
            "wilayah.html", pleno=pleno_view(pleno) if pleno else None,
            judul=f"{unit_title(tingkat, unit['nama_wilayah'])} — {contest['singkat']}",
            jejak=jejak, rilis=info, kontes=contest,
            unit=unit_view(unit), hasil=results, catatan_hasil=note,
            administrasi=admin_view(unit),
            anak=children,
            temuan=findings_view(rid, jenis, kode_kontes, findings),
            ditahan_sendiri=[r for r in reasons.get(kode, []) if r["keparahan"] == "error"],
            unduhan_wilayah=own_reports,
            unduhan_induk=parent_reports,
            induk_judul=unit_title("kecamatan", kecamatan["nama_wilayah"]) if kecamatan else "",
            unduhan_kontes=contest_files(rid, files, jenis, kode_kontes),
            unduhan_data=[file_link(rid, files[p], label) for p, label in DATA_LABELS.items() if p in files],
            asal=link("rilis", rid, f"{jenis}-{kode_kontes}", kode, "asal"),
        )

    def explain_page(self, rid: str, jenis: str, kode_kontes: str, kode: str, segment: str) -> Page:
        """Asal angka: the TPS forms behind one figure of a unit (rekap.explain, as `rekap explain`)."""
        manifest = self.releases.manifest(rid)
        tingkat = LEVEL_BY_LENGTH.get(len(kode))
        if manifest is None or tingkat is None or not kode.startswith(kode_kontes):
            raise NotFound
        data = self.releases.data(rid)
        try:
            explanation = explain_release(data, rid, tingkat, kode, column_from_segment(segment), jenis,
                                          koreksi=self.releases.file(rid, ["data", "koreksi.csv"]))
        except ExplainError:
            raise NotFound from None
        contest = next((k for k in explanation.kontes if k.kode_kontes == kode_kontes), None)
        if contest is None:
            raise NotFound
        key = {"jenis": jenis, "kode_kontes": kode_kontes}
        slug = f"{jenis}-{kode_kontes}"
        top = LEVEL_BY_LENGTH[len(kode_kontes)]
        levels = LEVELS[LEVELS.index(top):LEVELS.index(tingkat) + 1]
        above = data.rows("read/portal_leluhur", {**key, "kode": [kode[:code_length(lv)] for lv in levels]})
        jejak = [crumb("Daftar rilis", "/"), crumb(f"Rilis {rid}", link("rilis", rid, trailing=True))]
        for row in above:
            jejak.append(crumb(unit_title(row["tingkat"], row["nama_wilayah"]),
                               link("rilis", rid, slug, row["kode_wilayah"])))
        jejak.append(crumb(f"Asal angka {contest.kolom}", None))
        top_name = next((r["nama_wilayah"] for r in above if r["kode_wilayah"] == kode_kontes), contest.nama_kontes)
        kontes = contest_names(jenis, kode_kontes, top_name)
        kontes["href"] = link("rilis", rid, slug, kode_kontes)
        unit_href = link("rilis", rid, slug, kode)
        view = explanation_view(rid, explanation, contest, unit_href, lambda tps: link("rilis", rid, slug, tps))
        title = unit_title(tingkat, contest.nama_wilayah)
        return page("asal.html", judul=f"Asal angka {contest.kolom} — {title}",
                         jejak=jejak, rilis=release_summary(rid, manifest, self.releases.latest_id()),
                         kontes=kontes, unit={"judul": unit_title(tingkat, contest.nama_wilayah), "kode": kode},
                         asal=view)

    def reconcile_page(self, rid: str) -> Page:
        """Rekonsiliasi: this release against second sources (`rekap reconcile`; OUT/rekonsiliasi/<id>/)."""
        from rekap.sirekap.rekonsiliasi import disagreements, reconciliations_of

        manifest = self.releases.manifest(rid)
        if manifest is None:
            raise NotFound
        found = reconciliations_of(self.releases.out, rid)
        items = [{"kunci": r["kunci"], "sumber": r["sumber"].get("pembanding", {}),
                  "jumlah": r["sumber"].get("ringkasan", {}), "ringkasan": r["ringkasan"],
                  "berkas": f"rekonsiliasi/{rid}/{r['kunci']}/rekonsiliasi.csv",
                  "selisih": disagreements(r["folder"], RECONCILE_ROWS_LIMIT)} for r in found]
        return page("rekonsiliasi.html", judul=f"Rekonsiliasi rilis {rid}",
                         jejak=[crumb("Daftar rilis", "/"), crumb(f"Rilis {rid}", link("rilis", rid, trailing=True)),
                                crumb("Rekonsiliasi", None)],
                         rilis=release_summary(rid, manifest, self.releases.latest_id()), daftar=items,
                         batas=RECONCILE_ROWS_LIMIT)
