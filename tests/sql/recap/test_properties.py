"""Properties over random valid packages (hypothesis): parent = Σ children at every level; the
same input gives the same release; holding one TPS changes the status of that TPS and its
ancestors only; a correction followed by its inverse gives back the original figures.

A package: the governor contest of Kaltim and the mayor contest of Balikpapan over TPS drawn from
7 real desa (two kecamatan of Balikpapan, one of Samarinda: those vote for the governor only),
random votes and voters. Each example costs three whole runs (a few seconds each), so examples
are few, and derandomized: every run of the suite draws the same ones.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from builders import Package, form, write_koreksi
from rekap.stages.walk import recap_in_process
from rekap.contract import C_HASIL_COUNTS
from rekap.settings import RecapSettings

DESA = ("6471011001", "6471011002", "6471011003", "6471021001", "6471021002", "6472011001", "6472011002")
LEVELS = ("tps", "desa", "kecamatan", "kabkota", "provinsi")
CODE_LENGTH = {"desa": 10, "kecamatan": 6, "kabkota": 4, "provinsi": 2}
EXAMPLES = settings(max_examples=3, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def packages(draw):
    """(stations, pairs per contest): stations = [(kode_tps, dpt, {jenis: votes})]."""
    pairs = {"pkwkp": draw(st.integers(2, 3)), "pkwkk": draw(st.integers(1, 3))}
    desa = draw(st.lists(st.sampled_from(DESA), min_size=2, max_size=5))
    stations, seen = [], defaultdict(int)
    for d in desa:
        seen[d] += 1
        kode = f"{d}{seen[d]:03d}"
        dpt = (draw(st.integers(60, 200)), draw(st.integers(60, 200)))
        votes = {}
        for jenis, n in pairs.items():
            if jenis == "pkwkk" and not kode.startswith("6471"):
                continue  # Samarinda votes for the governor only: there is no such mayor contest here
            columns = n + (1 if n == 1 else 0)  # a single pair faces the kolom kosong
            budget = sum(dpt) - 4
            votes[jenis] = {i: draw(st.integers(0, budget // columns)) for i in range(1, columns + 1)}
        stations.append((kode, dpt, votes))
    return stations, pairs


def write(stations, pairs, folder: Path, *, broken: str | None = None, koreksi: list[tuple] | None = None) -> Path:
    pkg = Package()
    pkg.contest("pkwkp", "64", [f"GUB {i}" for i in range(1, pairs["pkwkp"] + 1)])
    pkg.contest("pkwkk", "6471", [f"WALI {i}" for i in range(1, pairs["pkwkk"] + 1)], kolom_kosong=pairs["pkwkk"] == 1)
    for kode, dpt, votes in stations:
        pkg.station(kode, dpt)
        for jenis, v in votes.items():
            row = form(kode, jenis, v, dpt=dpt)
            if kode == broken and jenis == "pkwkp":
                row["suara_sah"] += 1  # Σ pair votes ≠ suara sah: an error rule holds this form
                row["suara_tidak_sah"] -= 1
            pkg.submit(row)
    folder = pkg.write(folder)
    if koreksi:
        write_koreksi(folder, koreksi)
    return folder


def recap(pkg: Path, out: Path):
    return recap_in_process(RecapSettings(input_dir=pkg, out_dir=out, threads=2, memory_limit="1GB",
                                                   reports=False))


def read(release: Path, name: str) -> list[dict]:
    with (release / "data" / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def parent_of(kode: str, tingkat: str) -> str:
    return kode[:CODE_LENGTH[LEVELS[LEVELS.index(tingkat) + 1]]]


def assert_parent_is_sum_of_children(release: Path) -> None:
    """Every unit's figures = Σ over its children (a held TPS adds nothing but its counters)."""
    admin = read(release, "administrasi.csv")
    counted = {(r["jenis"], r["kode_wilayah"]) for r in admin if r["tingkat"] == "tps" and r["tps_lolos"] == "1"}
    figures = [(r["jenis"], r["tingkat"], r["kode_wilayah"], c, r[c]) for r in admin for c in C_HASIL_COUNTS]
    counters = [(r["jenis"], r["tingkat"], r["kode_wilayah"], c, r[c]) for r in admin
                for c in ("tps_total", "tps_masuk", "tps_lolos")]
    figures += [(r["jenis"], r["tingkat"], r["kode_wilayah"], f"suara:{r['nomor_urut']}", r["suara"])
                for r in read(release, "hasil.csv")]
    for rows, always in ((figures, False), (counters, True)):
        value = {(j, t, k, c): int(v or 0) for j, t, k, c, v in rows}
        sums = defaultdict(int)
        for (j, t, k, c), v in value.items():
            if t == "provinsi" or (j == "pkwkk" and t == "kabkota"):
                continue
            if t == "tps" and not always and (j, k) not in counted:
                continue
            sums[(j, LEVELS[LEVELS.index(t) + 1], parent_of(k, t), c)] += v
        parents = {key: v for key, v in value.items() if key[1] != "tps"}
        assert parents, "no unit above TPS level"
        for key, v in parents.items():
            assert sums[key] == v, key


def statuses(release: Path) -> dict[tuple, str]:
    return {(r["jenis"], r["tingkat"], r["kode_wilayah"]): r["status"] for r in read(release, "administrasi.csv")}


@EXAMPLES
@given(example=packages(), pick=st.data())
def test_recap_properties(tmp_path_factory, example, pick):
    stations, pairs = example
    base = tmp_path_factory.mktemp("prop")
    pkg = write(stations, pairs, base / "pkg")

    first = recap(pkg, base / "out-1")
    assert_parent_is_sum_of_children(first.path)
    before = statuses(first.path)
    assert set(before.values()) == {"final"}  # a valid package: nothing held

    # identical input ⇒ identical release (another OUT, another run)
    again = recap(pkg, base / "out-2")
    assert again.release_id == first.release_id
    for sub in ("data", "validasi"):
        files = sorted(p.relative_to(first.path) for p in (first.path / sub).rglob("*") if p.is_file())
        assert files and files == sorted(p.relative_to(again.path) for p in (again.path / sub).rglob("*")
                                         if p.is_file())
        assert all((first.path / f).read_bytes() == (again.path / f).read_bytes() for f in files)

    # one TPS held (its governor form breaks an error rule) and, at another TPS (or the same), a
    # correction of a random count followed by its inverse
    held = pick.draw(st.sampled_from([s[0] for s in stations]), label="held")
    kode, _dpt, votes = pick.draw(st.sampled_from(stations), label="corrected")
    jenis = pick.draw(st.sampled_from(sorted(votes)), label="jenis")
    # (the held form's suara_sah and suara_tidak_sah differ from what _form_of says: not those)
    spoilt = ("suara_sah", "suara_tidak_sah") if (kode, jenis) == (held, "pkwkp") else ()
    kolom = pick.draw(st.sampled_from([*(c for c in C_HASIL_COUNTS if c not in spoilt),
                                       *(f"suara:{n}" for n in votes[jenis])]), label="kolom")
    if kolom.startswith("suara:"):
        old = votes[jenis][int(kolom.removeprefix("suara:"))]
    else:
        old = int(_form_of(stations, kode, jenis)[kolom])
    new = old + pick.draw(st.integers(1, 50), label="delta")
    koreksi = [("K-1", kode, jenis, kolom, str(old), str(new)), ("K-2", kode, jenis, kolom, str(new), str(old))]
    changed = recap(write(stations, pairs, base / "pkg-held", broken=held, koreksi=koreksi), base / "out-1")
    assert_parent_is_sum_of_children(changed.path)
    after = statuses(changed.path)
    ancestors = {("pkwkp", t, held[:CODE_LENGTH[t]] if t != "tps" else held) for t in LEVELS}
    assert {key for key in before if before[key] != after[key]} == ancestors
    assert all(after[key] == "sementara" for key in ancestors)
    trail = read(changed.path, "koreksi.csv")
    assert [(r["id"], r["diterapkan"]) for r in trail] == [("K-1", "true"), ("K-2", "true")]
    # the corrected TPS is back to its original figures, and so is every unit the held TPS is not under
    if kode != held or jenis != "pkwkp":
        assert _tps_figures(changed.path, kode, jenis) == _tps_figures(first.path, kode, jenis)
    for name in ("hasil.csv", "administrasi.csv"):
        untouched = [r for r in read(first.path, name) if (r["jenis"], r["tingkat"], r["kode_wilayah"]) not in ancestors]
        assert untouched == [r for r in read(changed.path, name)
                             if (r["jenis"], r["tingkat"], r["kode_wilayah"]) not in ancestors]


def _form_of(stations, kode: str, jenis: str) -> dict:
    _, dpt, votes = next(s for s in stations if s[0] == kode)
    return form(kode, jenis, votes[jenis], dpt=dpt)


def _tps_figures(release: Path, kode: str, jenis: str) -> list[dict]:
    return [r for name in ("hasil.csv", "administrasi.csv") for r in read(release, name)
            if r["tingkat"] == "tps" and r["kode_wilayah"] == kode and r["jenis"] == jenis]
