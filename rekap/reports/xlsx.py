"""One workbook per contest: a sheet per level (kecamatan, kabkota, provinsi) and its penetapan.

Figures are numbers, not text. Text that a spreadsheet would run as a formula (= + - @, tab, CR
first) gets a leading apostrophe, as in every exported CSV. The bytes are deterministic: fixed
document properties and fixed timestamps on every zip entry.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from rekap.contract import C_HASIL_COUNTS
from rekap.reports.catalogue import WORKBOOK
from rekap.reports.data import Kontes
from rekap.reports.formulir import judul
from rekap.reports.reuse import Reuse, content_key

TETAP = datetime(1980, 1, 1)  # the properties' dates, like the zip entries': the content carries no time
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOLD = Font(bold=True)

KOLOM_UNIT = ("kode_wilayah", "nama_wilayah", "status", "tps_total", "tps_masuk", "tps_lolos", *C_HASIL_COUNTS)
KOLOM_PENETAPAN = ("status", "nomor_urut", "nama_paslon", "suara", "persen", "suara_sah", "selisih_suara",
                   "selisih_persen", "ambang_mk_persen", "dapat_diajukan_ke_mk")


def aman(value: Any) -> Any:
    """A cell value that stays data: formula-looking text is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]], widths: dict[int, int]) -> None:
    ws = wb.create_sheet(title)
    for i in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(i, 12)
    ws.freeze_panes = "C2"
    head = []
    for h in header:
        cell = WriteOnlyCell(ws, aman(h))
        cell.font = _BOLD
        head.append(cell)
    ws.append(head)
    for row in rows:
        ws.append([aman(v) for v in row])


def workbook(kontes: Kontes, *, release_id: str, data_sha256: str) -> Workbook:
    wb = Workbook(write_only=True)  # streamed: a national run writes 545 workbooks
    suara = [f"suara_{p['nomor_urut']}" for p in kontes.paslon]
    header = [*KOLOM_UNIT, *suara]
    for tingkat in ("kecamatan", "kabkota", "provinsi"):
        units = kontes.unit.get(tingkat)
        if not units:
            continue
        rows = [[u[k] for k in KOLOM_UNIT] + list(u["suara"]) for u in units]
        _sheet(wb, tingkat, header, rows, {2: 24})
    info = kontes.info
    paslon = [[p["nomor_urut"], p["nama"], p["kolom_kosong"], p["suara"], p["persen"]] for p in kontes.paslon]
    decision = [[], ["penetapan", "nilai"], *([k, info[k]] for k in KOLOM_PENETAPAN)]
    _sheet(wb, "penetapan", ["nomor_urut", "nama_paslon", "kolom_kosong", "suara", "persen"],
           paslon + decision, {1: 22, 2: 60})
    props = wb.properties
    props.created = props.modified = TETAP
    props.creator = props.lastModifiedBy = "rekap"
    props.title = judul(kontes)
    props.identifier = release_id
    props.description = f"Rilis {release_id}; SHA-256 data {data_sha256}"
    return wb


def save(wb: Workbook, path: Path) -> None:
    """Write without openpyxl's save() (it stamps the current time into the properties), then
    re-pack the zip with one fixed timestamp on every entry (openpyxl's carry the clock)."""
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry))
    path.write_bytes(fixed.getvalue())


def render_xlsx(contests: list[Kontes], release_dir: Path, reuse: Reuse) -> list[Path]:
    """A workbook per contest, linked from the previous release when its content is unchanged."""
    written = []
    for kontes in contests:
        name = WORKBOOK.path(*kontes.key)
        path = release_dir / f"{name}.xlsx"
        content = {"info": kontes.info, "paslon": kontes.paslon, "unit": kontes.unit}
        asal, linked = reuse.take(name, content_key("xlsx", content), (".xlsx",))
        if not linked:
            path.parent.mkdir(parents=True, exist_ok=True)
            save(workbook(kontes, release_id=asal.rilis, data_sha256=asal.data_sha256), path)
        written.append(path)
    return written
