"""kecamatan_tps.csv and kecamatan_suara.csv: TPS per kecamatan and Sirekap's provisional votes per
(contest, kecamatan, pair), each contest's kecamatan summing to its Sirekap TPS total."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reference.common import check
from reference.contests import Contests
from reference.sources import Snapshot

from rekap.domain import CONTEST_TYPES, JENIS, LEVEL

EXPECTED_TPS_TOTAL = 435_296
MAX_TPS_PER_DESA = 999


@dataclass(frozen=True)
class TpsVotes:
    suara: list[tuple]  # (jenis, kode_kontes, kode_kecamatan, nomor_urut, suara as text), sorted
    tps_by_type: dict[str, dict[str, int]]  # jenis -> kecamatan -> TPS
    kec_tps: dict[str, int]  # kecamatan -> TPS (both contest types agree)
    total: int
    max_per_desa: int  # TPS per desa needed when a kecamatan's TPS are spread evenly over its desa


def build_tps_votes(snap: Snapshot, contests: Contests, wil: dict[str, str]) -> TpsVotes:
    tps_by_type: dict[str, dict[str, int]] = {j: {} for j in JENIS}
    contest_kec_tps: dict[tuple[str, str], int] = defaultdict(int)
    suara = []
    seen = set()
    for r in snap.rows:
        j, kode, kec = r["jenis"], r["kode_kontes"], r["kode_kecamatan"]
        check((j, kode) in contests.keys, f"snapshot row for unknown contest {j} {kode}")
        check(kec.startswith(kode) and kec.startswith(r["kode_kabkota"]), f"kecamatan {kec} outside {kode}")
        t = int(r["tps_total"])
        prev = tps_by_type[j].setdefault(kec, t)
        check(prev == t, f"{j} {kec}: inconsistent tps_total")
        nomor = contests.nomor_of.get((j, kode, r["paslon_id"]))
        check(nomor == int(r["nomor_urut"]), f"paslon id/nomor mismatch in {j} {kode} {kec}")
        key = (j, kode, kec, nomor)
        check(key not in seen, f"duplicate snapshot row {key}")
        seen.add(key)
        v = r["suara"].strip()
        check(v == "" or (v.isdigit()), f"bad suara {v!r}")
        suara.append((j, kode, kec, nomor, v))
    suara.sort()
    for j, m in tps_by_type.items():
        for kec, t in m.items():
            kode = kec[:CONTEST_TYPES[j].code_length]
            contest_kec_tps[(j, kode)] += t
    for key, t in contests.tps.items():
        check(contest_kec_tps.get(key, 0) == t, f"contest {key}: kecamatan TPS sum != kontes tps_total")
    kec_tps: dict[str, int] = {}
    for j in JENIS:
        for kec, t in tps_by_type[j].items():
            if kec in kec_tps:
                check(kec_tps[kec] == t, f"kecamatan {kec}: pkwkp and pkwkk TPS counts disagree")
            kec_tps[kec] = t
    total_tps = sum(kec_tps.values())
    check(total_tps == EXPECTED_TPS_TOTAL, f"TPS total {total_tps} != {EXPECTED_TPS_TOTAL}")
    check(all(t >= 1 for t in kec_tps.values()), "kecamatan with 0 TPS")
    desa_count: dict[str, int] = defaultdict(int)
    for c in wil:
        if len(c) == LEVEL["desa"].code_length:
            desa_count[c[:LEVEL["kecamatan"].code_length]] += 1
    worst = max(-(-kec_tps[k] // desa_count[k]) for k in kec_tps)
    check(worst <= MAX_TPS_PER_DESA, f"some kecamatan needs {worst} TPS per desa (> 999)")
    return TpsVotes(suara, tps_by_type, kec_tps, total_tps, worst)
