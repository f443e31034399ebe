"""kontes.csv and paslon.csv: the 545 contests and their candidate pairs, as KPU lists them."""

from __future__ import annotations

from dataclasses import dataclass

from reference.common import check
from reference.sources import Snapshot

EXPECTED_CONTESTS = {"pkwkp": 37, "pkwkk": 508}
EXPECTED_KOLOM_KOSONG = 37


@dataclass(frozen=True)
class Contests:
    kontes: list[tuple]  # (jenis, kode_kontes, nama_wilayah), sorted
    keys: set[tuple[str, str]]  # (jenis, kode_kontes)
    tps: dict[tuple[str, str], int]  # (jenis, kode_kontes) -> Sirekap's TPS total
    paslon: list[tuple]  # the contract's paslon.csv rows, sorted
    kolom_kosong: int  # pairs that are the empty column
    nomor_of: dict[tuple[str, str, str], int]  # (jenis, kode_kontes, Sirekap paslon id) -> nomor_urut


def build_contests(snap: Snapshot) -> Contests:
    kontes = sorted((r["jenis"], r["kode_kontes"], r["nama_wilayah"].strip()) for r in snap.kontes_rows)
    for j, n in EXPECTED_CONTESTS.items():
        check(sum(1 for k in kontes if k[0] == j) == n, f"expected {n} {j} contests")
    kontes_set = {(j, k) for j, k, _ in kontes}
    check(len(kontes_set) == len(kontes), "duplicate contest")
    kontes_tps = {(r["jenis"], r["kode_kontes"]): int(r["tps_total"]) for r in snap.kontes_rows}

    paslon = []
    for j, d in snap.paslon_json.items():
        for kode, pairs in d.items():
            check((j, kode) in kontes_set, f"paslon for unknown contest {j} {kode}")
            nums = sorted(int(p["nomor_urut"]) for p in pairs.values())
            check(nums == list(range(1, len(nums) + 1)), f"nomor_urut of {j} {kode} not 1..n: {nums}")
            for p in pairs.values():
                nama = str(p["nama"]).strip()
                kk = nama == "KOLOM KOSONG -"
                if kk:
                    nama = "KOLOM KOSONG"
                check(nama and "\n" not in nama, f"bad name {nama!r}")
                paslon.append((j, kode, int(p["nomor_urut"]), nama, "true" if kk else "false"))
    paslon.sort()
    check({(p[0], p[1]) for p in paslon} == kontes_set, "paslon contests != kontes")
    n_kk = sum(1 for p in paslon if p[4] == "true")
    check(n_kk == EXPECTED_KOLOM_KOSONG, f"expected 37 kolom kosong entries, got {n_kk}")
    paslon_num = {}
    for j, d in snap.paslon_json.items():
        for kode, pairs in d.items():
            for pid, p in pairs.items():
                paslon_num[(j, kode, pid)] = int(p["nomor_urut"])
    return Contests(kontes, kontes_set, kontes_tps, paslon, n_kk, paslon_num)
