"""The two reports of a whole contest: its penetapan (decree-style result) and its exceptions list."""

from __future__ import annotations

from collections import Counter

from rekap.reports.data import Kontes
from rekap.reports.fmt import badan_kpu, jabatan, nama_daerah
from rekap.reports.formulir import judul

NAMA_TINGKAT = {"tps": "TPS", "desa": "Desa/Kelurahan", "kecamatan": "Kecamatan",
                "kabkota": "Kabupaten/Kota", "provinsi": "Provinsi"}


def kop_kontes(kontes: Kontes) -> dict:
    """The KPU body that decides a contest: of the province (governor) or of the kab/kota."""
    info = kontes.info
    if info["jenis"] == "pkwkp":
        badan = badan_kpu(info["nama_provinsi"], info["kode_provinsi"])
    else:
        badan = badan_kpu(info["nama_wilayah"], info["kode_kontes"])
    return {"badan": badan, "sub_badan": None, "penanda_tangan": badan}


def _daerah(kontes: Kontes) -> str:
    info = kontes.info
    return nama_daerah(info["nama_wilayah"], info["kode_kontes"])


def konteks_penetapan(kontes: Kontes) -> dict:
    info = kontes.info
    calon = [p for p in kontes.paslon if not p["kolom_kosong"]]
    teratas = max((p["suara"] for p in kontes.paslon), default=0)
    return {
        "judul_dokumen": f"Penetapan {info['jenis']} {info['kode_kontes']}",
        "kop": kop_kontes(kontes), "kontes": judul(kontes), "model": None,
        "info": info, "paslon": kontes.paslon, "sementara": kontes.sementara,
        "jabatan": jabatan(info["jenis"], info["nama_wilayah"], info["kode_kontes"]),
        "daerah": _daerah(kontes),
        "tingkat_puncak": NAMA_TINGKAT[info["tingkat_puncak"]],
        "calon_tunggal": len(calon) == 1 and len(kontes.paslon) == 2,
        "seri": [p for p in kontes.paslon if p["suara"] == teratas] if info["status"] == "seri" else [],
        "pleno": kontes.pleno.get((info["tingkat_puncak"], info["kode_kontes"])),
    }


def konteks_pengecualian(kontes: Kontes) -> dict:
    info = kontes.info
    keparahan = Counter(t["keparahan"] for t in kontes.temuan)
    temuan = [{**t, "nama_tingkat": NAMA_TINGKAT.get(t["tingkat"], t["tingkat"])} for t in kontes.temuan]
    return {
        "judul_dokumen": f"Daftar pengecualian {info['jenis']} {info['kode_kontes']}",
        "kop": kop_kontes(kontes), "kontes": judul(kontes), "model": None,
        "judul_kop": "DAFTAR PENGECUALIAN HASIL PEMERIKSAAN DATA REKAPITULASI",
        "info": info, "sementara": kontes.sementara, "temuan": temuan,
        "jumlah_error": keparahan.get("error", 0), "jumlah_warn": keparahan.get("warn", 0),
        "tps_ditahan": len({t["kode_tps"] for t in kontes.temuan if t["keparahan"] == "error" and t["kode_tps"]}),
        "progres": kontes.progres,
    }
