"""The portal as a function of (method, request target) → response: routing, data and pages.

Kept free of sockets so that tests and the HTTP handler (`rekap.portal.server`) share it. Pages:

    /                                                  releases, newest first
    /rilis/<id>/                                       the contests of a release
    /rilis/<id>/rekonsiliasi                           the release against second sources (rekap reconcile)
    /rilis/<id>/<jenis>-<kode_kontes>/<kode_wilayah>   a unit: provinsi → kabkota → kecamatan → desa → TPS
    /rilis/<id>/<jenis>-<kode_kontes>/<kode_wilayah>/asal/<kolom>
                                                       asal angka: the TPS forms behind one figure
                                                       (rekap.explain; kolom suara-<n> or e.g. suara_sah)
    /unduh/<id>/<path inside the release>              a file of the release
    /rilis/latest/…, /unduh/latest/…                   redirect to the release OUT/latest points at
"""

from __future__ import annotations

import logging
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from rekap.paths import resource_dir
from rekap.portal import format as fmt
from rekap.domain import LEVEL_BY_LENGTH
from rekap.explain import ExplainError, column_from_segment, explain_release
from rekap.portal.asal import explanation_view
from rekap.reports.catalogue import CONTEST_DOCUMENTS, FORMS
from rekap.published.releases import SEGMENT, Releases, ReleaseUnreadable

log = logging.getLogger("rekap.portal")

ALLOWED_METHODS = ("GET", "HEAD")

LEVELS = ("provinsi", "kabkota", "kecamatan", "desa", "tps")
CODE_LENGTH = {"provinsi": 2, "kabkota": 4, "kecamatan": 6, "desa": 10, "tps": 13}
TOP_BY_LENGTH = {2: "provinsi", 4: "kabkota"}
LEVEL_NAME = {"provinsi": "Provinsi", "kabkota": "Kabupaten/Kota", "kecamatan": "Kecamatan",
              "desa": "Desa/Kelurahan", "tps": "TPS"}
STATUS_NAME = {"final": "Final", "sementara": "Sementara"}
PENETAPAN_NAME = {
    "terpilih": "Ditetapkan: paslon terpilih",
    "kolom_kosong_menang": "Ditetapkan: kolom kosong menang",
    "seri": "Seri: perolehan suara tertinggi sama",
    "sementara": "Belum ditetapkan (sementara)",
}
KEPARAHAN_NAME = {"error": "Ditahan", "warn": "Peringatan"}
FINDINGS_LIMIT = 500
RECONCILE_ROWS_LIMIT = 300  # rows of units that are not `sama` shown per reconciliation

CONTEST = re.compile(r"([a-z]+)-([0-9]{2}|[0-9]{4})")
REGION = re.compile(r"[0-9]{2,13}")

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
INLINE = {".html", ".htm"}  # opened in the browser (under the portal's CSP); the rest download

DATA_LABELS = {
    "data/hasil.csv": "perolehan suara per wilayah dan paslon",
    "data/administrasi.csv": "TPS, data pemilih dan penggunaan surat suara per wilayah",
    "data/penetapan.csv": "penetapan per kontes",
    "data/pengecualian.csv": "temuan pemeriksaan (TPS dan wilayah yang ditahan)",
    "data/koreksi.csv": "koreksi pleno: yang diterapkan dan yang ditolak, dengan alasannya",
    "data/changelog.csv": "perubahan angka TPS terhadap rilis sebelumnya dan sebabnya",
    "manifest.json": "daftar berkas masukan dan keluaran dengan SHA-256",
}


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # streamed instead of `body`
    length: int | None = None

    @property
    def content_length(self) -> int:
        return self.length if self.length is not None else len(self.body)


class NotFound(Exception):
    pass


class Portal:
    """Answers requests for the releases under `out` (OUT/releases only)."""

    def __init__(self, out: Path, *, cache_size: int = 3, threads: int | None = None):
        self.releases = Releases(Path(out), cache_size=cache_size, threads=threads)
        self.templates = resource_dir("templates") / "portal"
        self.env = Environment(
            loader=FileSystemLoader(str(self.templates)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(fmt.FILTERS)

    # --- entry point ------------------------------------------------------------------------

    def handle(self, method: str, target: str) -> Response:
        if method not in ALLOWED_METHODS:
            return self.error(405, "Metode tidak diizinkan",
                              "Portal ini hanya dapat dibaca: gunakan GET atau HEAD.",
                              headers={"Allow": ", ".join(ALLOWED_METHODS)})
        try:
            segments, trailing = parse_target(target)
            return self.route(segments, trailing)
        except NotFound:
            return self.not_found()
        except ReleaseUnreadable as err:
            log.error("rilis tidak dapat dibaca: %s", err)
            return self.error(500, "Rilis tidak dapat dibaca",
                              "Berkas data rilis ini tidak dapat dibaca. Hubungi pengelola portal.")
        except Exception:  # noqa: BLE001 - a page, never a traceback
            log.exception("galat saat melayani %r", target)
            return self.error(500, "Terjadi kesalahan",
                              "Halaman ini tidak dapat ditampilkan karena kesalahan internal.")

    def route(self, seg: list[str], trailing: bool) -> Response:
        if not seg:
            return self.index()
        head, rest = seg[0], seg[1:]
        if head == "aset" and rest == ["portal.css"]:
            return self.asset("portal.css")
        if head == "favicon.ico" and not rest:  # browsers ask on every report page; nothing to show
            return Response(204, content_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"})
        if head == "rilis":
            if not rest:
                return redirect("/")
            rid = self.resolve(rest[0])
            if rid != rest[0]:
                return redirect(link("rilis", rid, *rest[1:], trailing=trailing or len(rest) == 1),
                                temporary=True)
            if len(rest) == 1:
                return self.release_page(rid)
            if rest[1:] == ["rekonsiliasi"]:
                return self.reconcile_page(rid)
            jenis, kode_kontes = contest_of(rest[1])
            if len(rest) == 2:
                return redirect(link("rilis", rid, rest[1], kode_kontes))
            if len(rest) == 3 and REGION.fullmatch(rest[2]):
                return self.unit_page(rid, jenis, kode_kontes, rest[2])
            if len(rest) == 5 and REGION.fullmatch(rest[2]) and rest[3] == "asal":
                return self.explain_page(rid, jenis, kode_kontes, rest[2], rest[4])
            raise NotFound
        if head == "unduh" and len(rest) >= 2:
            rid = self.resolve(rest[0])
            if rid != rest[0]:
                return redirect(link("unduh", rid, *rest[1:]), temporary=True)
            return self.download(rid, rest[1:])
        raise NotFound

    def resolve(self, rid: str) -> str:
        if rid == "latest":
            latest = self.releases.latest_id()
            if latest is None:
                raise NotFound
            return latest
        if self.releases.release_dir(rid) is None:
            raise NotFound
        return rid

    # --- pages ------------------------------------------------------------------------------

    def index(self) -> Response:
        latest = self.releases.latest_id()
        items = []
        for rid in self.releases.ids():
            manifest = self.releases.manifest(rid)
            if manifest is None:
                continue
            items.append(release_summary(rid, manifest, latest))
        items.sort(key=lambda r: (r["finished_at"], r["id"]), reverse=True)
        return self.page("index.html", judul="Daftar rilis", jejak=[], rilis_daftar=items,
                         ada_latest=latest is not None)

    def release_page(self, rid: str) -> Response:
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
        return self.page("rilis.html", judul=f"Rilis {rid}",
                         jejak=[crumb("Daftar rilis", "/"), crumb(f"Rilis {rid}", None)],
                         rilis=info, kelompok=groups, unduhan_data=downloads, unduhan_validasi=validation,
                         jumlah_kontes=sum(len(g["kontes"]) for g in groups))

    def unit_page(self, rid: str, jenis: str, kode_kontes: str, kode: str) -> Response:
        manifest = self.releases.manifest(rid)
        if manifest is None:
            raise NotFound
        top = TOP_BY_LENGTH[len(kode_kontes)]
        if not kode.startswith(kode_kontes) or len(kode) not in CODE_LENGTH.values():
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
        above = data.rows("read/portal_leluhur", {**key, "kode": [kode[:CODE_LENGTH[lv]] for lv in levels]})
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
            rows = data.rows("read/portal_anak", {**params, "panjang_anak": CODE_LENGTH[child]})
            child_votes = data.rows("read/portal_anak_hasil", params)
            children = children_view(rid, jenis, kode_kontes, child, rows, child_votes, results, reasons)

        files = self.releases.files(rid)
        own_reports = unit_files(rid, files, jenis, kode_kontes, tingkat, kode)
        # D.Hasil reports exist from kecamatan up: a desa or TPS offers its kecamatan's
        kecamatan = next((r for r in above if r["tingkat"] == "kecamatan"), None)
        parent_reports = (unit_files(rid, files, jenis, kode_kontes, "kecamatan", kecamatan["kode_wilayah"])
                          if kecamatan and tingkat in ("desa", "tps") else [])
        return self.page(
            "wilayah.html",
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

    def explain_page(self, rid: str, jenis: str, kode_kontes: str, kode: str, segment: str) -> Response:
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
        top = TOP_BY_LENGTH[len(kode_kontes)]
        levels = LEVELS[LEVELS.index(top):LEVELS.index(tingkat) + 1]
        above = data.rows("read/portal_leluhur", {**key, "kode": [kode[:CODE_LENGTH[lv]] for lv in levels]})
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
        return self.page("asal.html", judul=f"Asal angka {contest.kolom} — {title}",
                         jejak=jejak, rilis=release_summary(rid, manifest, self.releases.latest_id()),
                         kontes=kontes, unit={"judul": unit_title(tingkat, contest.nama_wilayah), "kode": kode},
                         asal=view)

    def reconcile_page(self, rid: str) -> Response:
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
        return self.page("rekonsiliasi.html", judul=f"Rekonsiliasi rilis {rid}",
                         jejak=[crumb("Daftar rilis", "/"), crumb(f"Rilis {rid}", link("rilis", rid, trailing=True)),
                                crumb("Rekonsiliasi", None)],
                         rilis=release_summary(rid, manifest, self.releases.latest_id()), daftar=items,
                         batas=RECONCILE_ROWS_LIMIT)

    def download(self, rid: str, parts: list[str]) -> Response:
        path = self.releases.file(rid, parts)
        if path is None:
            raise NotFound
        suffix = Path(parts[-1]).suffix.lower()
        ctype = CONTENT_TYPES.get(suffix) or mimetypes.types_map.get(suffix) or "application/octet-stream"
        if ctype.startswith("text/") and "charset" not in ctype:
            ctype += "; charset=utf-8"
        name = parts[-1]  # SEGMENT-checked: plain ASCII, no quotes
        disposition = "inline" if suffix in INLINE else "attachment"
        headers = {"Content-Disposition": f'{disposition}; filename="{name}"',
                   "Cache-Control": "public, max-age=86400, immutable"}
        return Response(200, content_type=ctype, headers=headers, file=path, length=path.stat().st_size)

    def asset(self, name: str) -> Response:
        body = (self.templates / name).read_bytes()
        return Response(200, body, "text/css; charset=utf-8", {"Cache-Control": "public, max-age=3600"})

    # --- rendering --------------------------------------------------------------------------

    def page(self, template: str, **context: Any) -> Response:
        html = self.env.get_template(template).render(**context)
        return Response(200, html.encode("utf-8"), headers={"Cache-Control": "no-cache"})

    def not_found(self) -> Response:
        return self.error(404, "Tidak ditemukan",
                          "Halaman atau berkas yang diminta tidak ada di rilis yang diterbitkan.")

    def error(self, status: int, title: str, message: str, headers: dict[str, str] | None = None) -> Response:
        try:
            html = self.env.get_template("galat.html").render(judul=title, pesan=message, kode=status, jejak=[])
            body, ctype = html.encode("utf-8"), "text/html; charset=utf-8"
        except Exception:  # noqa: BLE001
            log.exception("halaman galat tidak dapat dibuat")
            body, ctype = f"{status} {title}\n{message}\n".encode("utf-8"), "text/plain; charset=utf-8"
        return Response(status, body, ctype, {"Cache-Control": "no-store", **(headers or {})})


# --- request target -------------------------------------------------------------------------

def parse_target(target: str) -> tuple[list[str], bool]:
    """The decoded path segments of a request target, each a plain SEGMENT; else NotFound.

    Splitting happens before decoding, every segment is decoded once as strict UTF-8 and must
    then be a plain name: encoded dots or slashes, double encoding (`%252e`), overlong UTF-8
    (`%c0%ae`), NUL, backslashes, empty segments (`//etc/passwd`) and absolute URLs all fail."""
    if not target.startswith("/") or any(c in target for c in "\\\x00\r\n\t "):
        raise NotFound
    path = target.split("#", 1)[0].split("?", 1)[0]
    raw = path[1:].split("/")
    trailing = len(raw) > 1 and raw[-1] == ""
    if raw == [""]:
        return [], False
    if trailing:
        raw.pop()
    segments = []
    for part in raw:
        try:
            decoded = unquote(part, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise NotFound from None
        if not SEGMENT.fullmatch(decoded):
            raise NotFound
        segments.append(decoded)
    return segments, trailing


def contest_of(segment: str) -> tuple[str, str]:
    m = CONTEST.fullmatch(segment)
    if not m:
        raise NotFound
    return m.group(1), m.group(2)


def link(*parts: str, trailing: bool = False) -> str:
    # every part is a SEGMENT or a code: URL-safe as it is
    return "/" + "/".join(parts) + ("/" if trailing else "")


def redirect(location: str, *, temporary: bool = False) -> Response:
    body = f'<!doctype html><meta charset="utf-8"><title>Dialihkan</title><p>Lihat <a href="{location}">{location}</a>.</p>'
    return Response(302 if temporary else 301, body.encode("utf-8"),
                    headers={"Location": location, "Cache-Control": "no-store" if temporary else "max-age=3600"})


def crumb(label: str, href: str | None) -> dict[str, Any]:
    return {"label": label, "href": href}


# --- view models: plain dicts for the templates (StrictUndefined: every key is set) ---------

def release_summary(rid: str, manifest: dict, latest: str | None) -> dict[str, Any]:
    summary = manifest.get("summary") if isinstance(manifest.get("summary"), dict) else {}
    status = str(manifest.get("status") or summary.get("status") or "")

    def num(key: str) -> Any:
        value = summary.get(key)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    return {
        "id": rid,
        "href": link("rilis", rid, trailing=True),
        "status": status,
        "status_nama": STATUS_NAME.get(status, status or "tidak diketahui"),
        "terbaru": rid == latest,
        "finished_at": str(manifest.get("finished_at") or ""),
        "started_at": str(manifest.get("started_at") or ""),
        "code_version": str(manifest.get("code_version") or ""),
        "flow_run_id": str(manifest.get("flow_run_id") or ""),
        "data_sha256": str(manifest.get("data_sha256") or ""),
        "kontes": num("kontes"),
        "kontes_ditetapkan": num("kontes_ditetapkan"),
        "formulir_diharapkan": num("formulir_diharapkan"),
        "formulir_masuk": num("formulir_masuk"),
        "formulir_lolos": num("formulir_lolos"),
        "formulir_ditahan": num("formulir_ditahan"),
        "tps_daftar": num("tps_daftar"),
        "temuan_error": num("temuan_error"),
        "temuan_warn": num("temuan_warn"),
    }


def contest_names(jenis: str, kode_kontes: str, nama: str) -> dict[str, Any]:
    nama = nama or kode_kontes
    if jenis == "pkwkp":
        judul, singkat = f"Pemilihan Gubernur dan Wakil Gubernur {nama}", f"Pilgub {nama}"
    elif nama.upper().startswith("KOTA "):
        judul, singkat = f"Pemilihan Wali Kota dan Wakil Wali Kota {nama}", f"Pilwalkot {nama}"
    elif jenis == "pkwkk":
        judul, singkat = f"Pemilihan Bupati dan Wakil Bupati {nama}", f"Pilbup {nama}"
    else:
        judul = singkat = f"{jenis} {nama}"
    return {"jenis": jenis, "kode": kode_kontes, "nama": nama, "judul": judul, "singkat": singkat,
            "slug": f"{jenis}-{kode_kontes}"}


def contest_view(rid: str, row: dict[str, Any], files: dict) -> dict[str, Any]:
    view = contest_names(row["jenis"], row["kode_kontes"], row["nama_wilayah"])
    view["href"] = link("rilis", rid, view["slug"], row["kode_kontes"])
    penetapan = row["penetapan"]
    view.update(
        tingkat_nama=LEVEL_NAME.get(row["tingkat"], row["tingkat"]),
        progres=progress(row),
        status=row["status_unit"], status_nama=STATUS_NAME.get(row["status_unit"], row["status_unit"]),
        tps_sementara=row["tps_sementara"],
        penetapan=penetapan, penetapan_nama=PENETAPAN_NAME.get(penetapan, penetapan),
        ditetapkan=penetapan in ("terpilih", "kolom_kosong_menang"),
        unggul_nomor=row["nomor_urut"], unggul_nama=row["nama_paslon"], unggul_suara=row["suara"],
        unggul_persen=row["persen"], selisih_suara=row["selisih_suara"], selisih_persen=row["selisih_persen"],
        ambang_mk=row["ambang_mk_persen"], mk=str(row["dapat_diajukan_ke_mk"]).lower() == "true",
        unduhan=contest_files(rid, files, row["jenis"], row["kode_kontes"]),
    )
    return view


def progress(row: dict[str, Any]) -> dict[str, Any]:
    """A unit's TPS progress; the printed share (persen_masuk) is the SQL's persen_2d, the bar widths
    (CSS classes, not figures) are plain ratios."""
    total, masuk, lolos = int(row["tps_total"] or 0), int(row["tps_masuk"] or 0), int(row["tps_lolos"] or 0)
    p_lolos = fmt.rasio(lolos, total)
    held = max(0, masuk - lolos)
    return {
        "total": total, "masuk": masuk, "lolos": lolos, "tertahan": held,
        "belum": max(0, total - masuk),
        "persen_masuk": row["persen_masuk"],
        "lebar_lolos": fmt.lebar(p_lolos),
        "lebar_tahan": fmt.lebar(min(fmt.rasio(held, total) or 0.0, 100.0 - min(p_lolos or 0.0, 100.0))),
    }


def pair_name(nomor: Any, nama: str) -> str:
    return nama or f"Nomor urut {nomor} (tidak terdaftar di kontes ini)"


def results_view(votes: list[dict[str, Any]], suara_sah: Any) -> tuple[list[dict[str, Any]], str]:
    counted = [v["suara"] for v in votes if v["suara"] is not None]
    total = sum(counted)
    best = max(counted) if counted else None
    rows = []
    for v in votes:  # v["persen"]: sql/read/portal_unit_hasil.sql (persen_2d), as the reports print it
        rows.append({
            "nomor": v["nomor_urut"], "nama": pair_name(v["nomor_urut"], v["nama_paslon"]),
            "suara": v["suara"], "persen": v["persen"], "lebar": fmt.lebar(fmt.rasio(v["suara"], total)),
            "unggul": best is not None and best > 0 and v["suara"] == best,
            "dikenal": bool(v["nama_paslon"]),
        })
    note = ""
    if not counted and votes:
        note = "Formulir C.Hasil belum masuk: belum ada perolehan suara."
    elif suara_sah is not None and counted and total != suara_sah:
        note = (f"Jumlah suara paslon ({fmt.angka(total)}) tidak sama dengan suara sah "
                f"({fmt.angka(suara_sah)}); persentase dihitung dari jumlah suara paslon.")
    return rows, note


def unit_title(tingkat: str, nama: str) -> str:
    """'Kecamatan Balikpapan Barat', 'Provinsi KALIMANTAN TIMUR'; names that already say what they
    are stay as they are: 'KOTA BALIKPAPAN', 'KAB. PASER', 'TPS 019'."""
    nama = nama or ""
    if nama.upper().startswith(("KAB.", "KAB ", "KABUPATEN", "KOTA", "TPS", "PROVINSI")):
        return nama
    return f"{LEVEL_NAME.get(tingkat, tingkat)} {nama}".strip()


def unit_view(unit: dict[str, Any]) -> dict[str, Any]:
    return {
        "tingkat": unit["tingkat"], "tingkat_nama": LEVEL_NAME.get(unit["tingkat"], unit["tingkat"]),
        "judul": unit_title(unit["tingkat"], unit["nama_wilayah"]),
        "kode": unit["kode_wilayah"], "nama": unit["nama_wilayah"],
        "status": unit["status"], "status_nama": STATUS_NAME.get(unit["status"], unit["status"]),
        "progres": progress(unit),
        "tps_sementara": unit["tps_sementara"],
        "suara_sah": unit["suara_sah"], "suara_tidak_sah": unit["suara_tidak_sah"],
        "suara_total": unit["suara_total"],
    }


def admin_view(unit: dict[str, Any]) -> dict[str, Any]:
    def lp(label: str, prefix: str, total_key: str | None = None) -> dict[str, Any]:
        l, p = unit[f"{prefix}_l"], unit[f"{prefix}_p"]
        jumlah = unit[total_key] if total_key else (None if l is None or p is None else l + p)
        return {"label": label, "l": l, "p": p, "jumlah": jumlah,
                "kolom_l": f"{prefix}_l", "kolom_p": f"{prefix}_p", "kolom_jumlah": total_key}

    pemilih = [lp("Pemilih dalam DPT", "dpt"), lp("Pemilih dalam DPPh (pindahan)", "dpph"),
               lp("Pemilih dalam DPTb (tambahan)", "dptb")]
    pemilih.append({"label": "Jumlah pemilih", "l": _sum(r["l"] for r in pemilih),
                    "p": _sum(r["p"] for r in pemilih), "jumlah": unit["pemilih_jumlah"], "total": True,
                    "kolom_l": None, "kolom_p": None, "kolom_jumlah": "pemilih_jumlah"})
    pengguna = [lp("Pengguna hak pilih DPT", "pengguna_dpt"), lp("Pengguna hak pilih DPPh", "pengguna_dpph"),
                lp("Pengguna hak pilih DPTb", "pengguna_dptb")]
    pengguna.append({"label": "Jumlah pengguna hak pilih", "l": _sum(r["l"] for r in pengguna),
                     "p": _sum(r["p"] for r in pengguna), "jumlah": unit["pengguna_jumlah"], "total": True,
                     "kolom_l": None, "kolom_p": None, "kolom_jumlah": "pengguna_jumlah"})
    for rows in (pemilih, pengguna):
        for r in rows:
            r.setdefault("total", False)
    disabilitas = [lp("Pemilih disabilitas", "disabilitas"),
                   lp("Pengguna hak pilih disabilitas", "pengguna_disabilitas")]
    for r in disabilitas:
        r["total"] = False
    surat = [
        {"label": "Surat suara diterima", "nilai": unit["ss_diterima"]},
        {"label": "Surat suara rusak/keliru coblos", "nilai": unit["ss_rusak"]},
        {"label": "Surat suara tidak digunakan", "nilai": unit["ss_tidak_digunakan"]},
        {"label": "Surat suara digunakan", "nilai": unit["ss_digunakan"]},
        {"label": "Suara sah", "nilai": unit["suara_sah"]},
        {"label": "Suara tidak sah", "nilai": unit["suara_tidak_sah"]},
        {"label": "Jumlah suara sah dan tidak sah", "nilai": unit["suara_total"]},
    ]
    for r, kolom in zip(surat, ("ss_diterima", "ss_rusak", "ss_tidak_digunakan", "ss_digunakan",
                                "suara_sah", "suara_tidak_sah", "suara_total")):
        r["kolom"] = kolom  # the figure's "asal angka" page: …/asal/<kolom>
    return {"pemilih": pemilih + pengguna + disabilitas, "surat": surat}


def _sum(values) -> Any:
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def children_view(rid: str, jenis: str, kode_kontes: str, tingkat: str, rows: list[dict[str, Any]],
                  votes: list[dict[str, Any]], results: list[dict[str, Any]],
                  reasons: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    by_child: dict[str, dict[int, Any]] = {}
    extra: dict[int, str] = {}
    for v in votes:
        by_child.setdefault(v["kode_wilayah"], {})[v["nomor_urut"]] = v["suara"]
        extra.setdefault(v["nomor_urut"], v["nama_paslon"])
    numbers = [r["nomor"] for r in results]
    numbers += sorted(n for n in extra if n not in numbers)
    names = {r["nomor"]: r["nama"] for r in results}
    pairs = [{"nomor": n, "nama": names.get(n) or pair_name(n, extra.get(n, ""))} for n in numbers]
    items = []
    for r in rows:
        kode = r["kode_wilayah"]
        child_votes = by_child.get(kode, {})
        items.append({
            "kode": kode, "nama": r["nama_wilayah"],
            "href": link("rilis", rid, f"{jenis}-{kode_kontes}", kode),
            "progres": progress(r),
            "status": r["status"], "status_nama": STATUS_NAME.get(r["status"], r["status"]),
            "tps_sementara": r["tps_sementara"],
            "suara": [child_votes.get(n) for n in numbers],
            "suara_sah": r["suara_sah"],
            "alasan": reasons.get(kode, []) if tingkat == "tps" else [],
        })
    return {"tingkat": tingkat, "tingkat_nama": LEVEL_NAME.get(tingkat, tingkat), "paslon": pairs,
            "baris": items, "tps": tingkat == "tps"}


def findings_view(rid: str, jenis: str, kode_kontes: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for f in findings:
        rows.append({
            "tingkat_nama": LEVEL_NAME.get(f["tingkat"], f["tingkat"]),
            "judul": unit_title(f["tingkat"], f["nama_wilayah"]) if f["nama_wilayah"] else
                     LEVEL_NAME.get(f["tingkat"], f["tingkat"]),
            "kode": f["kode_wilayah"], "nama": f["nama_wilayah"],
            "href": link("rilis", rid, f"{jenis}-{kode_kontes}", f["kode_wilayah"]) if f["ada_halaman"] else None,
            "aturan": f["aturan"], "keparahan": f["keparahan"],
            "keparahan_nama": KEPARAHAN_NAME.get(f["keparahan"], f["keparahan"]),
            "keterangan": f["keterangan"],
        })
    total = findings[0]["jumlah"] if findings else 0
    errors = sum(1 for f in findings if f["keparahan"] == "error")
    return {"baris": rows, "jumlah": total, "terpotong": total > len(rows), "error": errors,
            "batas": FINDINGS_LIMIT}


def file_link(rid: str, entry, label: str) -> dict[str, Any]:
    return {"nama": entry.path.rsplit("/", 1)[-1], "path": entry.path, "label": label,
            "href": link("unduh", rid, *entry.path.split("/")), "ukuran": entry.size,
            "jenis": Path(entry.path).suffix.lstrip(".").upper()}


def unit_files(rid: str, files: dict, jenis: str, kode_kontes: str, tingkat: str, kode: str) -> list[dict[str, Any]]:
    """The unit's own documents (its D.Hasil form, rekap.reports.catalogue), in the release."""
    entry = FORMS.get(tingkat)
    return _documents(rid, files, [entry], jenis, kode_kontes, kode) if entry else []


def contest_files(rid: str, files: dict, jenis: str, kode_kontes: str) -> list[dict[str, Any]]:
    """The contest's documents (rekap.reports.catalogue), in the release."""
    return _documents(rid, files, CONTEST_DOCUMENTS, jenis, kode_kontes, None)


def _documents(rid: str, files: dict, entries, jenis: str, kode_kontes: str, kode: str | None) -> list[dict[str, Any]]:
    wanted = [(f"{entry.path(jenis, kode_kontes, kode)}.{ext}", entry.label) for entry in entries
              for ext in entry.formats]
    return [file_link(rid, files[p], label) for p, label in wanted if p in files]
