"""Sample plenaries for a package (`rekap pleno contoh`, `make demo`): every unit of the latest
release that is ready, adopted bottom-up on the 2024 timetable, with members and witnesses, a
few refusals to sign and objections, and one kab/kota plenary late. Invented like the sample's
numbers: the files say so in every row (`tempat`), and never pass for a real plenary's minutes."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from rekap.contract import KEBERATAN, PLENO, PLENO_HADIR
from rekap.domain import CONTEST_TYPES, LEVEL, zone_of
from rekap.errors import InputError
from rekap.release import latest_release

# first day each level's plenaries sit in the sample (the 2024 windows: 28 Nov / 29 Nov / 30 Nov)
_FIRST_DAY = {"kecamatan": date(2024, 11, 28), "kabkota": date(2024, 12, 4), "provinsi": date(2024, 12, 8)}
_SPREAD = {"kecamatan": 5, "kabkota": 2, "provinsi": 1}
_ORDER = ("kecamatan", "kabkota", "provinsi")
TANDA = "DATA CONTOH"


def write_sample_pleno(package: Path, out_dir: Path, *, seed: int = 2024, late: str | None = None) -> dict:
    """Write pleno.csv, pleno_hadir.csv and keberatan.csv into `package` adopting OUT/latest; returns counts.
    `late`: the kab/kota code whose plenary sits a day after its deadline (default: the last one)."""
    release = latest_release(out_dir)
    if release is None:
        raise InputError(str(out_dir), None, None, "belum ada rilis: jalankan `rekap run` dulu")
    with (release / "data" / "pleno.csv").open(newline="", encoding="utf-8") as f:
        units = [r for r in csv.DictReader(f) if r["status"] in ("siap_pleno", "belum_lengkap")]
    with (package / "paslon.csv").open(newline="", encoding="utf-8") as f:  # the empty column has no witness
        pairs = sorted((r["jenis"], r["kode_kontes"], int(r["nomor_urut"]), r["nama"]) for r in csv.DictReader(f)
                       if r["kolom_kosong"].lower() != "true")
    ready = _adoptable(units)
    kabkota = sorted({u["kode_wilayah"] for u in ready if u["tingkat"] == "kabkota"})
    late = late or (kabkota[-1] if kabkota else None)
    rng = random.Random(seed)
    pleno, hadir, keberatan = [], [], []
    for tingkat in _ORDER:
        for n, u in enumerate(sorted((u for u in ready if u["tingkat"] == tingkat),
                                     key=lambda u: (u["kode_wilayah"], u["jenis"]))):
            day = _FIRST_DAY[tingkat] + timedelta(days=n % _SPREAD[tingkat])
            if tingkat == "kabkota" and u["kode_wilayah"] == late:
                day = date(2024, 12, 7)  # a day after the 6 Dec deadline
            _, hours = zone_of(u["kode_wilayah"])
            off = f"+{hours:02d}:00"
            pid = f"PLENO-{u['jenis']}-{u['kode_kontes']}-{u['kode_wilayah']}"
            top = CONTEST_TYPES[u["jenis"]].top == tingkat
            seq = len(pleno) + 1
            pleno.append([pid, u["jenis"], u["kode_kontes"], tingkat, u["kode_wilayah"], f"{day}T13:00:00{off}",
                          f"{day}T{17 + n % 5:02d}:{10 * (n % 6):02d}:00{off}", f"Aula {TANDA} {u['kode_wilayah']}",
                          f"{seq}/PL.02.7-BA/{u['kode_wilayah']}/2024", f"{100 + seq}/2024" if top else "",
                          release.name])
            hadir += [[pid, "anggota", "", f"Anggota {k} ({TANDA})", "ya", ""] for k in range(1, 4)]
            for jenis, kontes, nomor, nama in pairs:
                if (jenis, kontes) != (u["jenis"], u["kode_kontes"]):
                    continue
                refuses = rng.random() < 0.08
                hadir.append([pid, "saksi", str(nomor), f"Saksi paslon {nomor} ({TANDA})",
                              "menolak" if refuses else "ya", "atas instruksi paslon" if refuses else ""])
                if refuses or rng.random() < 0.05:
                    keberatan.append([pid, str(len([k for k in keberatan if k[0] == pid]) + 1), "saksi", str(nomor),
                                      f"Selisih surat suara digunakan di salah satu TPS ({TANDA})",
                                      "Dijelaskan PPK dengan membuka C.Hasil; angka tetap", "", ""])
    _write(package / PLENO.name, [*PLENO.required[:-1], "nomor_keputusan", "rilis"], pleno)
    _write(package / PLENO_HADIR.name, [*PLENO_HADIR.required, "alasan"], hadir)
    _write(package / KEBERATAN.name, [*KEBERATAN.required, "kode_tps", "koreksi_id"], keberatan)
    return {"pleno": len(pleno), "hadir": len(hadir), "keberatan": len(keberatan), "terlambat": late, "rilis": release.name}


def _adoptable(units: list[dict]) -> list[dict]:
    """The units whose plenary can sit: complete kecamatan, then every unit whose children all can."""
    ok = {(u["jenis"], u["kode_kontes"], "kecamatan", u["kode_wilayah"]) for u in units
          if u["tingkat"] == "kecamatan" and u["status"] == "siap_pleno"}
    for tingkat in ("kabkota", "provinsi"):
        below = LEVEL[tingkat].child
        for u in units:
            if u["tingkat"] != tingkat:
                continue
            children = [c for c in units if c["tingkat"] == below and c["jenis"] == u["jenis"]
                        and c["kode_kontes"] == u["kode_kontes"] and c["kode_wilayah"].startswith(u["kode_wilayah"])]
            if children and all((c["jenis"], c["kode_kontes"], below, c["kode_wilayah"]) in ok for c in children):
                ok.add((u["jenis"], u["kode_kontes"], tingkat, u["kode_wilayah"]))
    return [u for u in units if (u["jenis"], u["kode_kontes"], u["tingkat"], u["kode_wilayah"]) in ok]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
