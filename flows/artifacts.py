"""What an operator sees of a finished run in the Prefect UI: a progress table, the findings, links."""

from __future__ import annotations

from pathlib import Path

from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from rekap.overview import findings_markdown
from rekap.pleno.summary import pleno_summary
from rekap.settings import RecapSettings


def publish_artifacts(overview, outcome: dict, settings: RecapSettings) -> None:
    """A progress table, a findings summary and links, shown in the Prefect UI for this run.

    One table with a row per contest and level, not one artifact per contest: a national run has
    545 contests, and an API call each cost ~9 s at the end of every run."""
    rid = outcome["release_id"]
    rows = [{"jenis": jenis, "kode_kontes": kode, "wilayah": overview.names[(jenis, kode)], **level}
            for (jenis, kode), levels in overview.contests.items() for level in levels]
    create_table_artifact(key="rekap-kemajuan", table=rows,
                          description=f"Status dan kemajuan unit setiap kontes per tingkat, rilis {rid}")
    create_markdown_artifact(key="rekap-temuan", markdown=findings_markdown(overview, rid, outcome["summary"]["status"]),
                             description="Ringkasan temuan gerbang mutu")
    create_link_artifact(key="rekap-rilis", link=Path(outcome["path"]).resolve().as_uri(),
                         link_text=f"folder rilis {rid}", description="Rilis yang diterbitkan run ini")
    create_link_artifact(key="rekap-portal", link=f"{settings.portal_url.rstrip('/')}/rilis/{rid}/",
                         link_text=f"portal rilis {rid}",
                         description=f"Jalankan `rekap portal --out {settings.out_dir}` lalu buka tautan ini")
    status, late = pleno_summary(Path(outcome["path"]))
    if status:
        create_table_artifact(key="rekap-pleno", table=status,
                              description=f"Status rapat pleno unit per tingkat, rilis {rid}")
        create_table_artifact(key="rekap-pleno-terlambat", table=late or [{"keadaan": "tidak ada"}],
                              description=f"Rapat pleno yang terlambat atau lewat jadwal ({len(late)}), rilis {rid}")
