"""Build the compact reference tables shipped in ``rekap/reference/``.

Dev-time only. Reads the shared data folder (wilayah tables from cahyadsn/wilayah and the
Sirekap Pilkada 2024 snapshot from razanfawwaz/pilkada-scrap) and writes small, sorted,
deterministic CSVs plus ``SOURCE.md`` and ``LICENSE-wilayah``. The product never reads the
shared folder at run time.

    .venv/bin/python tools/build_reference.py --shared ../shared

Every consistency claim this script relies on is asserted; it fails loudly otherwise.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "rekap" / "reference"

# Papua Barat Daya (province 96, created by UU 29/2022). The 2023 table (Kepmendagri
# 100.1.1-6117/2022, in force on election day) still lists its kab/kota under Papua Barat
# (92). Sirekap uses the 96 codes but keeps the 2023 kecamatan numbering below the kab/kota
# (verified below: the kecamatan suffix sets match the 2023 ones exactly, and not the 2025
# ones, which renumbered kecamatan in Sorong, Sorong Selatan and Raja Ampat).
PBD_KABKOTA_2023_TO_SIREKAP = {
    "9201": "9601",  # Kab. Sorong
    "9204": "9602",  # Kab. Sorong Selatan
    "9205": "9603",  # Kab. Raja Ampat
    "9209": "9604",  # Kab. Tambrauw
    "9210": "9605",  # Kab. Maybrat
    "9271": "9671",  # Kota Sorong
}
PBD_PROVINCE = "96"

EXPECTED_TPS_TOTAL = 435_296
EXPECTED_CONTESTS = {"pkwkp": 37, "pkwkk": 508}


def fail(msg: str) -> None:
    raise SystemExit(f"build_reference: {msg}")


def check(cond: bool, msg: str) -> None:
    if not cond:
        fail(msg)


def digits(code: str) -> str:
    return code.replace(".", "")


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> int:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return len(rows)


def norm_name(name: str) -> str:
    s = name.upper()
    s = re.sub(r"^(KABUPATEN|KAB\.?|KOTA)\s+", "", s)
    return re.sub(r"[^A-Z]", "", s)


def commit_of(source_md: Path) -> str:
    m = re.search(r"Commit read:\s*`([0-9a-f]{40})`", source_md.read_text(encoding="utf-8"))
    check(m is not None, f"no commit hash found in {source_md}")
    return m.group(1)


def level(code: str) -> str:
    return {2: "provinsi", 4: "kabkota", 6: "kecamatan", 10: "desa"}[len(code)]


def build(shared: Path, out: Path) -> dict:
    data = shared / "data"
    wdir = data / "wilayah"
    sdir = data / "sirekap-pilkada-2024"
    for p in (wdir / "wilayah_2023.csv", wdir / "wilayah_2025.csv", wdir / "penduduk.csv",
              wdir / "LICENSE", sdir / "derived" / "kecamatan_snapshot.csv",
              sdir / "derived" / "kontes.csv", sdir / "paslon" / "pkwkp.json",
              sdir / "paslon" / "pkwkk.json"):
        check(p.is_file(), f"missing input {p}")

    # ---------------------------------------------------------------- snapshot
    snap = read_csv_rows(sdir / "derived" / "kecamatan_snapshot.csv")
    kontes_rows = read_csv_rows(sdir / "derived" / "kontes.csv")
    paslon_json = {j: json.loads((sdir / "paslon" / f"{j}.json").read_text(encoding="utf-8"))
                   for j in ("pkwkp", "pkwkk")}
    district: dict[str, str] = {}
    for f in sorted((sdir / "district").glob("*/*.json")):
        for item in json.loads(f.read_text(encoding="utf-8")):
            district[str(item["kode"])] = str(item["nama"]).strip()

    snap_codes: set[str] = set()
    snap_kec: set[str] = set()
    for r in snap:
        snap_codes.update((r["kode_kontes"], r["kode_kabkota"], r["kode_kecamatan"]))
        snap_kec.add(r["kode_kecamatan"])
    for r in kontes_rows:
        snap_codes.add(r["kode_kontes"])
    for j, d in paslon_json.items():
        snap_codes.update(d.keys())
    snap_codes.update(district.keys())
    for c in snap_codes:
        check(c.isdigit() and len(c) in (2, 4, 6), f"unexpected snapshot code {c!r}")

    # ---------------------------------------------------------------- wilayah
    w23 = {digits(r["kode"]): r["nama"].strip() for r in read_csv_rows(wdir / "wilayah_2023.csv")}
    w25 = {digits(r["kode"]): r["nama"].strip() for r in read_csv_rows(wdir / "wilayah_2025.csv")}
    check(len(w23) == 91_591, f"wilayah_2023 has {len(w23)} codes, expected 91,591")

    # Verify the Papua Barat Daya mapping before relying on it.
    pbd_notes: list[str] = []
    for old, new in sorted(PBD_KABKOTA_2023_TO_SIREKAP.items()):
        check(old in w23 and new not in w23, f"PBD mapping {old}->{new} not as expected in 2023 table")
        check(new in w25 and norm_name(w25[new]) == norm_name(w23[old]),
              f"PBD kab/kota name mismatch {old} {w23[old]!r} vs 2025 {new} {w25.get(new)!r}")
        suf23 = {c[4:] for c in w23 if len(c) == 6 and c.startswith(old)}
        sufsnap = {c[4:] for c in snap_kec if c.startswith(new)}
        suf25 = {c[4:] for c in w25 if len(c) == 6 and c.startswith(new)}
        check(suf23 == sufsnap, f"Sirekap kecamatan of {new} do not follow the 2023 numbering of {old}")
        both = sorted(sufsnap & suf25)
        same = sum(1 for s in both if norm_name(w25[new + s]) == norm_name(w23[old + s]))
        pbd_notes.append(
            f"| {old} → {new} | {w23[old]} | {len(sufsnap)} | {len(sufsnap - suf25)} | "
            f"{len(both) - same} |")

    wil: dict[str, str] = {}
    source_of: dict[str, str] = {}
    for code, name in w23.items():
        new_code = code
        if code[:4] in PBD_KABKOTA_2023_TO_SIREKAP and len(code) >= 4:
            new_code = PBD_KABKOTA_2023_TO_SIREKAP[code[:4]] + code[4:]
        check(new_code not in wil, f"duplicate code {new_code}")
        wil[new_code] = name
        source_of[new_code] = "2023" if new_code == code else "2023-relocated"
    check(PBD_PROVINCE in w25, "province 96 missing from wilayah_2025")
    wil[PBD_PROVINCE] = w25[PBD_PROVINCE].upper()  # 2023 style: provinces in upper case
    source_of[PBD_PROVINCE] = "2025"

    # Any snapshot code still unresolved: 2025 table, then KPU's district list (kab/kota).
    fallback: list[str] = []
    for c in sorted(snap_codes):
        if c in wil:
            continue
        if c in w25:
            wil[c] = w25[c]
            source_of[c] = "2025"
            fallback.append(f"{c} {w25[c]} (wilayah_2025)")
        elif c in district:
            wil[c] = district[c]
            source_of[c] = "sirekap-district"
            fallback.append(f"{c} {district[c]} (Sirekap district list)")
    unresolved = sorted(c for c in snap_codes if c not in wil)
    check(not unresolved, f"snapshot codes without a name: {unresolved}")
    # parents must exist too
    for c in list(wil):
        for plen in (2, 4, 6):
            if len(c) > plen:
                check(c[:plen] in wil, f"code {c} has no parent {c[:plen]}")

    # Every snapshot kecamatan needs >= 1 desa; synthesise <kec>1001 where there is none.
    kec_with_desa = {c[:6] for c in wil if len(c) == 10}
    synthesised: list[str] = []
    for k in sorted(snap_kec):
        if k not in kec_with_desa:
            d = k + "1001"
            check(d not in wil, f"cannot synthesise desa {d}")
            wil[d] = wil[k]
            source_of[d] = "synthesised"
            synthesised.append(f"{d} {wil[k]}")
    kec_with_desa = {c[:6] for c in wil if len(c) == 10}
    check(all(k in kec_with_desa for k in snap_kec), "a snapshot kecamatan has no desa")
    check(all(c in wil for c in snap_codes), "a snapshot code does not resolve")

    # ---------------------------------------------------------------- kontes
    kontes = sorted((r["jenis"], r["kode_kontes"], r["nama_wilayah"].strip()) for r in kontes_rows)
    for j, n in EXPECTED_CONTESTS.items():
        check(sum(1 for k in kontes if k[0] == j) == n, f"expected {n} {j} contests")
    kontes_set = {(j, k) for j, k, _ in kontes}
    check(len(kontes_set) == len(kontes), "duplicate contest")
    kontes_tps = {(r["jenis"], r["kode_kontes"]): int(r["tps_total"]) for r in kontes_rows}

    # ---------------------------------------------------------------- paslon
    paslon = []
    for j, d in paslon_json.items():
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
    check(n_kk == 37, f"expected 37 kolom kosong entries, got {n_kk}")
    paslon_num = {}
    for j, d in paslon_json.items():
        for kode, pairs in d.items():
            for pid, p in pairs.items():
                paslon_num[(j, kode, pid)] = int(p["nomor_urut"])

    # ---------------------------------------------------------------- TPS and votes
    tps_by_type: dict[str, dict[str, int]] = {"pkwkp": {}, "pkwkk": {}}
    contest_kec_tps: dict[tuple[str, str], int] = defaultdict(int)
    suara = []
    seen = set()
    for r in snap:
        j, kode, kec = r["jenis"], r["kode_kontes"], r["kode_kecamatan"]
        check((j, kode) in kontes_set, f"snapshot row for unknown contest {j} {kode}")
        check(kec.startswith(kode) and kec.startswith(r["kode_kabkota"]), f"kecamatan {kec} outside {kode}")
        t = int(r["tps_total"])
        prev = tps_by_type[j].setdefault(kec, t)
        check(prev == t, f"{j} {kec}: inconsistent tps_total")
        nomor = paslon_num.get((j, kode, r["paslon_id"]))
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
            kode = kec[:2] if j == "pkwkp" else kec[:4]
            contest_kec_tps[(j, kode)] += t
    for key, t in kontes_tps.items():
        check(contest_kec_tps.get(key, 0) == t, f"contest {key}: kecamatan TPS sum != kontes tps_total")
    kec_tps: dict[str, int] = {}
    for j in ("pkwkp", "pkwkk"):
        for kec, t in tps_by_type[j].items():
            if kec in kec_tps:
                check(kec_tps[kec] == t, f"kecamatan {kec}: pkwkp and pkwkk TPS counts disagree")
            kec_tps[kec] = t
    total_tps = sum(kec_tps.values())
    check(total_tps == EXPECTED_TPS_TOTAL, f"TPS total {total_tps} != {EXPECTED_TPS_TOTAL}")
    check(all(t >= 1 for t in kec_tps.values()), "kecamatan with 0 TPS")
    desa_count: dict[str, int] = defaultdict(int)
    for c in wil:
        if len(c) == 10:
            desa_count[c[:6]] += 1
    worst = max(-(-kec_tps[k] // desa_count[k]) for k in kec_tps)
    check(worst <= 999, f"some kecamatan needs {worst} TPS per desa (> 999)")

    # ---------------------------------------------------------------- penduduk
    pen_rows = read_csv_rows(wdir / "penduduk.csv")
    penduduk = []
    pen_name_notes = []
    for r in pen_rows:
        c = digits(r["kode"])
        if c == "0":
            continue
        check(len(c) in (2, 4), f"unexpected penduduk code {c}")
        check(c in wil, f"penduduk code {c} ({r['nama']}) not in wilayah")
        total = int(r["total"])
        check(total == int(r["pria"]) + int(r["wanita"]) and total > 0, f"bad penduduk row {c}")
        if norm_name(r["nama"]) != norm_name(wil[c]):
            pen_name_notes.append(f"{c}: `{r['nama'].strip()}` → `{wil[c]}`")
        penduduk.append((c, wil[c], total))
    penduduk.sort()
    pen_codes = {p[0] for p in penduduk}
    missing_pop = sorted(k for _, k in kontes_set if k not in pen_codes)
    check(not missing_pop, f"contest regions without population: {missing_pop}")
    n_prov_pen = sum(1 for p in penduduk if len(p[0]) == 2)
    n_kab_pen = sum(1 for p in penduduk if len(p[0]) == 4)
    contest_regions = {k for _, k in kontes_set}
    check(sum(1 for k in contest_regions if len(k) == 2) + 1 == 38, "expected 37 contest provinces (+DIY)")

    # ---------------------------------------------------------------- write
    out.mkdir(parents=True, exist_ok=True)
    wil_rows = sorted(wil.items())
    counts = {
        "wilayah.csv": write_csv(out / "wilayah.csv", ["kode", "nama"], wil_rows),
        "penduduk.csv": write_csv(out / "penduduk.csv", ["kode", "nama", "total"], penduduk),
        "kontes.csv": write_csv(out / "kontes.csv", ["jenis", "kode_kontes", "nama_wilayah"], kontes),
        "paslon.csv": write_csv(out / "paslon.csv",
                                ["jenis", "kode_kontes", "nomor_urut", "nama", "kolom_kosong"], paslon),
        "kecamatan_tps.csv": write_csv(out / "kecamatan_tps.csv", ["kode_kecamatan", "tps_total"],
                                       sorted(kec_tps.items())),
        "kecamatan_suara.csv": write_csv(
            out / "kecamatan_suara.csv",
            ["jenis", "kode_kontes", "kode_kecamatan", "nomor_urut", "suara"], suara),
    }
    shutil.copyfile(wdir / "LICENSE", out / "LICENSE-wilayah")

    lv = defaultdict(int)
    for c in wil:
        lv[level(c)] += 1
    src = defaultdict(int)
    for c in wil:
        src[source_of[c]] += 1
    stats = {
        "levels": dict(lv),
        "sources": dict(src),
        "counts": counts,
        "tps_total": total_tps,
        "tps_pkwkp": sum(tps_by_type["pkwkp"].values()),
        "tps_pkwkk": sum(tps_by_type["pkwkk"].values()),
        "kecamatan": len(kec_tps),
        "suara_empty": sum(1 for s in suara if s[4] == ""),
        "kolom_kosong": n_kk,
        "n_prov_pen": n_prov_pen,
        "n_kab_pen": n_kab_pen,
        "max_tps_per_desa": worst,
    }
    (out / "SOURCE.md").write_bytes(render_source_md(
        stats, commit_of(wdir / "SOURCE.md"), commit_of(sdir / "SOURCE.md"),
        pbd_notes, fallback, synthesised, pen_name_notes).encode("utf-8"))
    return stats


def render_source_md(st, wil_commit, scrap_commit, pbd_notes, fallback, synthesised,
                     pen_name_notes) -> str:
    c = st["counts"]
    lv = st["levels"]
    src = st["sources"]
    L = []
    a = L.append
    a("# rekap/reference/: where this comes from")
    a("")
    a("Generated by `tools/build_reference.py` (do not edit by hand; re-run the script).")
    a("All files are UTF-8 CSV with a header row, `\\n` line ends, rows sorted, fields quoted")
    a("only where needed. Codes are digits-only Kemendagri codes (province 2, kab/kota 4,")
    a("kecamatan 6, desa/kelurahan 10 digits).")
    a("")
    a("## Sources")
    a("")
    a("- **cahyadsn/wilayah** (MIT licence, copied verbatim as `LICENSE-wilayah`; copyright (c)")
    a(f"  2017-2025 Cahya DSN), commit `{wil_commit}`: `db/archive/wilayah_2023.sql`")
    a("  (Kepmendagri 100.1.1-6117/2022, the code list in force for the 27 Nov 2024 Pilkada),")
    a("  `db/wilayah.sql` (Kepmendagri 300.2.2-2138/2025) and `db/wilayah_penduduk.sql`")
    a("  (population, Dukcapil), converted to CSV.")
    a("- **razanfawwaz/pilkada-scrap**, commit `" + scrap_commit + "`: a snapshot taken on")
    a("  2024-11-28 of KPU's public Sirekap Pilkada 2024 JSON (candidate pairs per contest, TPS")
    a("  counts and provisional vote aggregates per kecamatan). Public KPU publications; the scrape")
    a("  repository carries no licence. It is a partial, unofficial mid-count snapshot, **not** an")
    a("  official result.")
    a("")
    a("## Files")
    a("")
    a("| file | rows | what |")
    a("|---|---:|---|")
    a(f"| `wilayah.csv` | {c['wilayah.csv']:,} | `kode,nama`: {lv.get('provinsi', 0)} provinsi, "
      f"{lv.get('kabkota', 0)} kab/kota, {lv.get('kecamatan', 0):,} kecamatan, "
      f"{lv.get('desa', 0):,} desa/kelurahan. From `wilayah_2023` (dots removed, names stripped "
      "of surrounding spaces), with the Papua Barat Daya handling below. |")
    a(f"| `penduduk.csv` | {c['penduduk.csv']:,} | `kode,nama,total`: population of "
      f"{st['n_prov_pen']} provinces and {st['n_kab_pen']} kab/kota from `wilayah_penduduk` "
      "(national row dropped). `nama` is the name in `wilayah.csv`. Every contest region "
      "(37 provinces, 508 kab/kota) has a row (asserted). |")
    a(f"| `kontes.csv` | {c['kontes.csv']:,} | `jenis,kode_kontes,nama_wilayah`: the 545 contests "
      "(37 `pkwkp`, 508 `pkwkk`); names as KPU lists them (provinces: Kemendagri name in upper "
      "case). |")
    a(f"| `paslon.csv` | {c['paslon.csv']:,} | `jenis,kode_kontes,nomor_urut,nama,kolom_kosong` "
      "(the contract's columns) from Sirekap `paslon/pkwkp.json` and `paslon/pkwkk.json`; names "
      f"exactly as published, stripped. The {st['kolom_kosong']} entries named `KOLOM KOSONG - ` "
      "are written `KOLOM KOSONG` with `kolom_kosong=true`. |")
    a(f"| `kecamatan_tps.csv` | {c['kecamatan_tps.csv']:,} | `kode_kecamatan,tps_total`: TPS per "
      f"kecamatan, union of both contest types (they agree wherever both exist, asserted). Total "
      f"{st['tps_total']:,} TPS ({st['tps_pkwkp']:,} in governor contests, {st['tps_pkwkk']:,} in "
      "regent/mayor contests). Each contest's kecamatan sum equals its Sirekap total (asserted). |")
    a(f"| `kecamatan_suara.csv` | {c['kecamatan_suara.csv']:,} | "
      "`jenis,kode_kontes,kode_kecamatan,nomor_urut,suara`: provisional Sirekap votes per contest "
      f"× kecamatan × pair; `suara` is empty where KPU had published no figure "
      f"({st['suara_empty']:,} rows), which is not zero. Used only to shape synthetic samples. |")
    a("| `LICENSE-wilayah` | | verbatim MIT licence of cahyadsn/wilayah. |")
    a("")
    a("Sources of the `wilayah.csv` rows: " + ", ".join(
        f"{k} {v:,}" for k, v in sorted(src.items())) + ".")
    a(f"At most {st['max_tps_per_desa']} TPS per desa are needed when a kecamatan's TPS are spread "
      "evenly over its desa (limit 999).")
    a("")
    a("## Papua Barat Daya (province 96)")
    a("")
    a("The 2023 code list still places the six kab/kota of Papua Barat Daya under Papua Barat")
    a("(92.*); Sirekap (and the 2025 list) use 96.*. Sirekap keeps the **2023 kecamatan numbering**")
    a("under the new kab/kota codes: for every one of the six, the set of Sirekap kecamatan codes")
    a("equals the 2023 set (asserted by the script). The 2025 list renumbered the kecamatan of")
    a("Sorong, Sorong Selatan and Raja Ampat, so taking 96.* kecamatan from the 2025 list would")
    a("give wrong names (e.g. Sirekap 960107 with 71 TPS is Aimas, the regency seat — 2023")
    a("92.01.07 — while 2025 96.01.07 is Sayosa; 2025 names Aimas 96.01.05).")
    a("Therefore the 92.01, 92.04, 92.05, 92.09, 92.10 and 92.71 subtrees of the 2023 list")
    a("(kab/kota, kecamatan, desa) are **moved** to 96.01, 96.02, 96.03, 96.04, 96.05 and 96.71,")
    a("keeping their kecamatan and desa suffixes and 2023 names (they no longer appear under 92).")
    a("The province row 96 takes its name from the 2025 list, upper-cased like the other")
    a("2023 province names. No snapshot code is missing afterwards and no desa had to be")
    a("synthesised.")
    a("")
    a("| 2023 → Sirekap | kab/kota | Sirekap kecamatan | not in 2025 list | same code, other name in 2025 |")
    a("|---|---|---:|---:|---:|")
    L.extend(pbd_notes)
    a("")
    a("Codes resolved from fallbacks (2025 list, Sirekap district list): " +
      (", ".join(fallback) if fallback else "none") + ".")
    a("Desa synthesised as `<kecamatan>1001` for kecamatan with no desa in any table: " +
      (", ".join(synthesised) if synthesised else "none") + ".")
    a("")
    a("## Population")
    a("")
    a("`wilayah_penduduk` follows the 2025 codes. Its kab/kota and province codes coincide with")
    a("the 2023 ones except Papua Barat Daya, which it already lists as 96.* (so 92 = Papua Barat")
    a("after the split, 96 = Papua Barat Daya) — the same codes Sirekap uses. No contest region")
    a("is missing; no code mapping was needed. Each province total equals the sum of its kab/kota.")
    a("Names differing from `wilayah.csv` (the `wilayah.csv` name is used):")
    a("")
    for n in pen_name_notes:
        a(f"- {n}")
    a("")
    return "\n".join(L)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (holds data/)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    stats = build(args.shared.resolve(), args.out.resolve())
    for name, n in stats["counts"].items():
        print(f"{name}: {n:,} rows")
    print(f"TPS total {stats['tps_total']:,}; wilayah sources {stats['sources']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
