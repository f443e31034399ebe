"""A run reads its own copy of the package: a file replaced while the run is going changes neither
what was recapped nor the input hashes in the manifest (they describe the same bytes)."""

from __future__ import annotations

import hashlib
import json

import pytest

from rekap.stages.walk import recap_in_process
from rekap.errors import InputError
from rekap.settings import RecapSettings
from test_koreksi import package


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_replaced_during_the_run_does_not_split_recap_and_hashes(tmp_path):
    pkg = package(tmp_path / "pkg")
    before = {name: sha(pkg / name) for name in ("c_hasil.csv", "tps.csv")}
    original = (pkg / "c_hasil.csv").read_text(encoding="utf-8")

    def replace_after_ingest(stage: str) -> None:
        if stage == "ingest":  # an operator drops a new export into the folder mid-run
            (pkg / "c_hasil.csv").write_text(original.replace(",150,2,152", ",150,3,153"), encoding="utf-8")

    settings = RecapSettings(input_dir=pkg, out_dir=tmp_path / "out", threads=2, memory_limit="1GB", reports=False)
    published = recap_in_process(settings, on_stage=replace_after_ingest)
    manifest = json.loads((published.path / "manifest.json").read_text(encoding="utf-8"))
    hashes = {i["file"]: i["sha256"] for i in manifest["inputs"]}
    assert hashes["c_hasil.csv"] == before["c_hasil.csv"] != sha(pkg / "c_hasil.csv")
    assert hashes["tps.csv"] == before["tps.csv"]
    assert [p.name for p in (tmp_path / "out" / ".work").iterdir()] == []  # the copy went with the run
    # the replaced file is a new input: the next run publishes a new release
    assert recap_in_process(settings).release_id != published.release_id


@pytest.mark.parametrize("missing, message", [(None, "folder paket pemilihan tidak ada"),
                                              ("tps.csv", "berkas wajib tidak ada di")])
def test_missing_input_is_named_as_the_user_gave_it(tmp_path, missing, message):
    pkg = package(tmp_path / "pkg") if missing else tmp_path / "tidak-ada"
    if missing:
        (pkg / missing).unlink()
    settings = RecapSettings(input_dir=pkg, out_dir=tmp_path / "out", threads=2, reports=False)
    with pytest.raises(InputError) as err:
        recap_in_process(settings)
    assert message in str(err.value) and str(pkg) in str(err.value) and ".work" not in str(err.value)
