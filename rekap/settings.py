"""The one typed settings object a recap run carries from the CLI through the flow to every task."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class RecapSettings(BaseModel):
    """What one recap run reads, where it writes, and how much of the machine it may use."""

    model_config = ConfigDict(frozen=True)

    input_dir: Path = Field(description="the election package (folder of contract CSVs)")
    out_dir: Path = Field(description="where releases are published (OUT/releases, OUT/latest)")
    threads: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    memory_limit: str = Field(default="4GB", description="DuckDB memory limit; it spills beyond")
    reports: bool = Field(default=True, description="render the reports (HTML, XLSX) into the release")
    pdf: bool = Field(default=True, description="also render every report as PDF (WeasyPrint)")
    lock_wait_seconds: float = Field(default=300.0, ge=0, description="how long a run waits for another run on the same OUT")
    task_runner: Literal["lokal", "dask"] = Field(
        default="lokal", description="where PDFs are rendered: local worker processes, or a Dask cluster")
    dask_address: str | None = Field(
        default=None, description="Dask scheduler (tcp://host:8786); none: a local cluster of `threads` workers")
    input_format: Literal["csv", "sirekap"] = Field(
        default="csv", description="input_dir holds contract CSVs, or Sirekap per-TPS JSON (docs/sirekap.md)")
    sekarang: datetime | None = Field(
        default=None, description="'now' for the plenary deadlines (with its zone); none: the latest time in the inputs")
    portal_url: str = Field(
        default="http://127.0.0.1:8000", description="where `rekap portal` serves OUT: the run's link artifact points there")

    @field_validator("sekarang")
    @classmethod
    def _with_zone(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("sekarang harus menyebut zona waktunya, mis. 2025-01-09T10:00:00+08:00")
        return value

    @property
    def work_dir(self) -> Path:
        """Scratch space of runs in progress; never read by anyone but the run that made it."""
        return self.out_dir / ".work"

    @property
    def releases_dir(self) -> Path:
        return self.out_dir / "releases"

    @property
    def latest_link(self) -> Path:
        return self.out_dir / "latest"
