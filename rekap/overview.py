"""What an operator watching the flow should see of a run: per contest the status and progress of
its units, and a summary of the findings (the flow publishes them as Prefect artifacts)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import duckdb

from rekap.findings import angka
from rekap.sqlfiles import run_sql


@dataclass
class Overview:
    contests: dict[tuple[str, str], list[dict]] = field(default_factory=dict)  # (jenis, kode) → rows per level
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    findings: list[dict] = field(default_factory=list)


def run_overview(con: duckdb.DuckDBPyConnection) -> Overview:
    overview = Overview()
    cursor = run_sql(con, "release/ringkasan_kontes")
    columns = [d[0] for d in cursor.description]
    for values in cursor.fetchall():
        row = dict(zip(columns, values))
        key = (row["jenis"], row["kode_kontes"])
        overview.names[key] = row["nama_wilayah"]
        overview.contests.setdefault(key, []).append({
            "tingkat": row["tingkat"], "unit": row["unit"], "unit_final": row["unit_final"],
            "tps_total": row["tps_total"], "tps_masuk": row["tps_masuk"], "tps_lolos": row["tps_lolos"],
            "penetapan": row["penetapan"],
        })
    cursor = run_sql(con, "release/ringkasan_temuan")
    columns = [d[0] for d in cursor.description]
    overview.findings = [dict(zip(columns, v)) for v in cursor.fetchall()]
    return overview


def findings_markdown(overview: Overview, release_id: str, status: str) -> str:
    lines = [f"# Rilis `{release_id}`: {status}", ""]
    if not overview.findings:
        lines.append("Tidak ada temuan: semua formulir lolos semua aturan.")
        return "\n".join(lines) + "\n"
    lines += ["| aturan | keparahan | temuan | kontes | contoh |", "|---|---|---:|---:|---|"]
    for f in overview.findings:
        # text from the package (a correction id) must not become markup in the Prefect UI
        example = html.escape(str(f["contoh"]), quote=False).replace("|", "\\|")
        lines.append(f"| `{f['aturan']}` | {f['keparahan']} | {angka(f['temuan'])} | {angka(f['kontes'])} | {example} |")
    return "\n".join(lines) + "\n"
