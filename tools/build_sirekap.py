"""Build what rekap ships from the Sirekap Pilkada 2024 snapshot for its Sirekap-shaped JSON.

Dev-time only (the product never reads the shared folder):

    .venv/bin/python tools/build_sirekap.py --shared ../shared

writes
- ``rekap/sirekap/paslon_kpu.csv``: KPU's paslon id per (jenis, kode_kontes, nomor_urut), with the
  name as ``rekap/reference/paslon.csv`` writes it, so that a release of a package with the real
  candidate pairs uses KPU's own ids in its Sirekap-shaped tree;
- ``tests/fixtures/sirekap/``: a small slice of the snapshot (Kalimantan Timur: the province files
  of both contest types, Kota Balikpapan's two contest files, the national governor summary and the
  province's candidates), byte-for-byte copies except the two candidate files, which keep only
  the province's contests (parsed and re-serialised in the original key order).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = Path("data") / "sirekap-pilkada-2024"
SLICE_FILES = ("paslon/pkwkp.json", "pkwkp/0.json", "pkwkp/64/64.json", "pkwkk/64/64.json", "pkwkp/64/6471.json",
               "pkwkk/64/6471.json")
SLICE_PROVINCE = "64"


def paslon_rows(snapshot: Path) -> list[tuple]:
    rows = []
    for jenis in ("pkwkk", "pkwkp"):
        master = json.loads((snapshot / "paslon" / f"{jenis}.json").read_text(encoding="utf-8"))
        for kode, pairs in master.items():
            for paslon_id, entry in pairs.items():
                nama = entry["nama"].strip()
                kolom_kosong = nama.startswith("KOLOM KOSONG")
                rows.append((jenis, kode, int(entry["nomor_urut"]), paslon_id,
                             "KOLOM KOSONG" if kolom_kosong else nama, str(kolom_kosong).lower()))
    rows.sort()
    keys = {(r[0], r[1], r[2]) for r in rows}
    if len(keys) != len(rows):
        raise SystemExit("build_sirekap: a ballot number appears twice in a contest")
    return rows


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def write_slice(snapshot: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    for rel in SLICE_FILES:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(snapshot / rel, target)
    master = json.loads((snapshot / "paslon" / "pkwkk.json").read_text(encoding="utf-8"))
    kept = {k: v for k, v in master.items() if k[:2] == SLICE_PROVINCE}
    (out / "paslon" / "pkwkk.json").write_text(json.dumps(kept, ensure_ascii=False) + "\n", encoding="utf-8")
    source = (snapshot / "SOURCE.md").read_text(encoding="utf-8")
    (out / "SOURCE.md").write_text(
        "# tests/fixtures/sirekap/: a slice of the Sirekap Pilkada 2024 snapshot\n\n"
        "Written by `tools/build_sirekap.py` from `data/sirekap-pilkada-2024/` of the project's shared\n"
        "data. Files: " + ", ".join(f"`{f}`" for f in SLICE_FILES) + " are byte-for-byte copies;\n"
        "`paslon/pkwkk.json` keeps only the contests of province "
        f"{SLICE_PROVINCE}\n(Kalimantan Timur), re-serialised. The note of the full snapshot follows "
        "unchanged.\n\n---\n\n" + source, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (holds data/)")
    args = ap.parse_args(argv)
    snapshot = args.shared.resolve() / SNAPSHOT
    rows = paslon_rows(snapshot)
    write_csv(REPO / "rekap" / "sirekap" / "paslon_kpu.csv",
              ["jenis", "kode_kontes", "nomor_urut", "paslon_id", "nama", "kolom_kosong"], rows)
    write_slice(snapshot, REPO / "tests" / "fixtures" / "sirekap")
    print(f"paslon_kpu.csv: {len(rows)} baris; potongan snapshot: tests/fixtures/sirekap")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
