"""End to end through the CLI and the Prefect flow: exit status, messages, what is published."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest

from rekap.cli import main

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def balikpapan(sample_package) -> Path:
    return sample_package("balikpapan", seed=7)  # shared: read only


def rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_clean_sample_is_final(prefect_api, balikpapan, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--input", str(balikpapan), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "diterbitkan" in printed and "status final: 2/2 kontes" in printed
    penetapan = rows(out / "latest" / "data" / "penetapan.csv")
    assert [(r["jenis"], r["kode_kontes"], r["status"]) for r in penetapan] == [
        ("pkwkk", "6471", "terpilih"), ("pkwkp", "64", "terpilih")]
    admin = rows(out / "latest" / "data" / "administrasi.csv")
    top = next(r for r in admin if r["tingkat"] == "kabkota" and r["jenis"] == "pkwkk")
    assert (top["tps_total"], top["tps_masuk"], top["tps_lolos"], top["status"]) == ("996", "996", "996", "final")
    assert main(["run", "--input", str(balikpapan), "--out", str(out), "--tanpa-pdf"]) == 0
    assert "tidak ada yang baru" in capsys.readouterr().out
    assert len(list((out / "releases").iterdir())) == 1


def test_missing_form_is_provisional(prefect_api, balikpapan, tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for p in balikpapan.iterdir():
        lines = p.read_text().splitlines(keepends=True)
        (pkg / p.name).write_text("".join(lines[:-1] if p.name == "c_hasil.csv" else lines))
    out = tmp_path / "out"
    assert main(["run", "--input", str(pkg), "--out", str(out), "--tanpa-pdf"]) == 3
    penetapan = {r["jenis"]: r["status"] for r in rows(out / "latest" / "data" / "penetapan.csv")}
    assert "sementara" in penetapan.values()


def test_bad_input_exits_2_and_keeps_latest(prefect_api, balikpapan, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--input", str(balikpapan), "--out", str(out), "--tanpa-pdf"]) == 0
    before = os.readlink(out / "latest")
    capsys.readouterr()
    pkg = tmp_path / "bad"
    pkg.mkdir()
    for p in balikpapan.iterdir():
        (pkg / p.name).write_bytes(p.read_bytes())
    lines = (pkg / "c_hasil.csv").read_text().splitlines(keepends=True)
    fields = lines[4].split(",")
    fields[-1] = "1.234\n"
    lines[4] = ",".join(fields)
    (pkg / "c_hasil.csv").write_text("".join(lines))
    assert main(["run", "--input", str(pkg), "--out", str(out), "--tanpa-pdf"]) == 2
    err = capsys.readouterr().err
    assert "c_hasil.csv, baris 5, kolom suara_total" in err
    assert "pemisah ribuan" in err
    assert os.readlink(out / "latest") == before
    assert len(list((out / "releases").iterdir())) == 1


def test_real_process_reports_input_error_without_traceback(balikpapan, tmp_path):
    """The installed CLI, its own temporary Prefect server: exit 2, one clear line, no traceback."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for p in balikpapan.iterdir():
        if p.name != "tps.csv":
            (pkg / p.name).write_bytes(p.read_bytes())
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "rekap"), "run", "--input", str(pkg), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")})
    assert proc.returncode == 2, proc.stderr
    assert "tps.csv: berkas wajib tidak ada" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "out" / "latest").exists()


def test_run_publishes_artifacts_for_the_operator(prefect_api, balikpapan, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    assert main(["run", "--input", str(balikpapan), "--out", str(tmp_path / "out"), "--tanpa-pdf"]) == 0
    rid = os.readlink(tmp_path / "out" / "latest").split("/")[-1]
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(
            any_=["rekap-kemajuan", "rekap-temuan", "rekap-rilis", "rekap-portal", "rekap-pleno",
                  "rekap-pleno-terlambat"])))
    latest = {}
    for artifact in sorted(found, key=lambda a: a.created):
        latest[artifact.key] = artifact
    assert set(latest) == {"rekap-kemajuan", "rekap-temuan", "rekap-rilis", "rekap-portal", "rekap-pleno",
                           "rekap-pleno-terlambat"}
    # no plenary recorded yet: every complete kecamatan is ready for its plenary
    assert "siap pleno" in str(latest["rekap-pleno"].data) and "Kecamatan" in str(latest["rekap-pleno"].data)
    table = str(latest["rekap-kemajuan"].data)
    assert latest["rekap-kemajuan"].type == "table" and "kecamatan" in table and "pkwkk" in table and "6471" in table
    assert rid in str(latest["rekap-temuan"].data)
    assert rid in str(latest["rekap-portal"].data)
