"""Official reports of a release: D.Hasil forms per unit (HTML, PDF), penetapan, pengecualian, XLSX.

Layout inside a release (the portal and the manifest rely on it):
    laporan/<jenis>-<kode_kontes>/<tingkat>-<kode_wilayah>.html|.pdf   tingkat: kecamatan, kabkota, provinsi
    laporan/<jenis>-<kode_kontes>/penetapan.html|.pdf
    laporan/<jenis>-<kode_kontes>/pengecualian.html|.pdf
    laporan/<jenis>-<kode_kontes>.xlsx                                 a sheet per level
"""

from __future__ import annotations

from pathlib import Path


def render_reports(db_path: Path, release_dir: Path, *, release_id: str, data_sha256: str,
                   pdf: bool = True, workers: int = 2) -> list[Path]:
    """Render every report of the run whose database is `db_path` into `release_dir/laporan`."""
    return []
