"""What a D.Hasil form shows: its rows (sections I–V), its header per level, its column tables.

The rows name fields of `sql/reports/formulir.sql`; the templates print them for every column.
"""

from __future__ import annotations

from dataclasses import dataclass

from rekap.reports.data import Formulir, Kontes
from rekap.reports.fmt import badan_kpu, judul_kontes, nama_daerah

KOLOM_PER_TABEL = 8  # desa (kecamatan, kab/kota) columns per table; a kecamatan can have 30+

_LPJ = ("Laki-laki", "Perempuan", "Jumlah")


def _lpj(no: str, uraian: str, prefix: str, total: str | None = None) -> dict:
    fields = (f"{prefix}_l", f"{prefix}_p", total or f"{prefix}_jumlah")
    return {"no": no, "uraian": uraian, "rincian": list(zip(_LPJ, fields))}


# Section I: each item a row group with L / P / Jumlah lines.
BAGIAN_I = (
    ("A", "DATA PEMILIH", (
        _lpj("A.1", "Jumlah pemilih dalam Daftar Pemilih Tetap (DPT)", "dpt"),
        _lpj("A.2", "Jumlah pemilih dalam Daftar Pemilih Pindahan (DPPh)", "dpph"),
        _lpj("A.3", "Jumlah pemilih dalam Daftar Pemilih Tambahan (DPTb)", "dptb"),
        _lpj("A.4", "Jumlah pemilih (A.1 + A.2 + A.3)", "pemilih"),
    )),
    ("B", "PENGGUNA HAK PILIH", (
        _lpj("B.1", "Jumlah pengguna hak pilih dalam DPT", "pengguna_dpt"),
        _lpj("B.2", "Jumlah pengguna hak pilih dalam DPPh", "pengguna_dpph"),
        _lpj("B.3", "Jumlah pengguna hak pilih dalam DPTb", "pengguna_dptb"),
        _lpj("B.4", "Jumlah pengguna hak pilih (B.1 + B.2 + B.3)", "pengguna"),
    )),
)
# Section II: one line each.
BAGIAN_II = (
    ("1", "Jumlah surat suara yang diterima, termasuk cadangan 2,5 %", "ss_diterima"),
    ("2", "Jumlah surat suara yang rusak atau keliru dicoblos", "ss_rusak"),
    ("3", "Jumlah surat suara yang tidak digunakan / tidak terpakai", "ss_tidak_digunakan"),
    ("4", "Jumlah surat suara yang digunakan", "ss_digunakan"),
)
# Section III after the pairs' votes.
BAGIAN_III = (
    ("B", "Jumlah seluruh suara sah", "suara_sah"),
    ("C", "Jumlah suara tidak sah", "suara_tidak_sah"),
    ("D", "Jumlah seluruh suara sah dan suara tidak sah (B + C)", "suara_total"),
)
BAGIAN_IV = (
    _lpj("1", "Jumlah pemilih disabilitas yang terdaftar", "disabilitas"),
    _lpj("2", "Jumlah pemilih disabilitas yang menggunakan hak pilih", "pengguna_disabilitas"),
)
# Section V: how complete the data under each column is (not on the paper form; the recap's own).
BAGIAN_V = (
    ("1", "Jumlah TPS dalam daftar", "tps_total"),
    ("2", "Jumlah TPS yang formulirnya masuk", "tps_masuk"),
    ("3", "Jumlah TPS yang lolos pemeriksaan", "tps_lolos"),
)


@dataclass(frozen=True)
class Tingkat:
    model: str
    judul: str
    kolom: str  # what a column is


TINGKAT = {
    "kecamatan": Tingkat("MODEL D.HASIL KECAMATAN-KWK",
                         "SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DARI SETIAP "
                         "DESA/KELURAHAN DI TINGKAT KECAMATAN", "DESA/KELURAHAN"),
    "kabkota": Tingkat("MODEL D.HASIL KABKO-KWK",
                       "SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DARI SETIAP "
                       "KECAMATAN DI TINGKAT KABUPATEN/KOTA", "KECAMATAN"),
    "provinsi": Tingkat("MODEL D.HASIL PROV-KWK-GUBERNUR",
                        "SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DARI SETIAP "
                        "KABUPATEN/KOTA DI TINGKAT PROVINSI", "KABUPATEN/KOTA"),
}


def tabel(form: Formulir, per_tabel: int = KOLOM_PER_TABEL) -> list[dict]:
    """The form's columns split into tables of at most `per_tabel`; the total ends the last."""
    kolom = form.kolom
    chunks = [kolom[i:i + per_tabel] for i in range(0, len(kolom), per_tabel)] or [[]]
    out = []
    for i, chunk in enumerate(chunks, start=1):
        last = i == len(chunks)
        out.append({
            "nomor": i, "dari": len(chunks), "kolom": chunk, "jumlah": last,
            "sel": chunk + [form.jumlah] if last else chunk,
            "awal": (i - 1) * per_tabel + 1, "akhir": (i - 1) * per_tabel + len(chunk),
        })
    return out


def kop_formulir(form: Formulir) -> dict:
    """Who signs the form: PPK (kecamatan), KPU Kab/Kota (kabkota), KPU Provinsi (provinsi)."""
    j = form.jumlah
    kode = form.kode
    provinsi = nama_daerah(j["nama_provinsi"], kode[:2])
    if form.tingkat == "provinsi":
        return {"badan": badan_kpu(j["nama_provinsi"], kode[:2]), "sub_badan": None,
                "penanda_tangan": badan_kpu(j["nama_provinsi"], kode[:2]),
                "identitas": [("Provinsi", provinsi, kode[:2])]}
    kabkota = nama_daerah(j["nama_kabkota"], kode[:4])
    identitas = [("Provinsi", provinsi, kode[:2]), ("Kabupaten/Kota", kabkota, kode[:4])]
    if form.tingkat == "kabkota":
        return {"badan": badan_kpu(j["nama_kabkota"], kode[:4]), "sub_badan": None,
                "penanda_tangan": badan_kpu(j["nama_kabkota"], kode[:4]), "identitas": identitas}
    ppk = f"PANITIA PEMILIHAN KECAMATAN {(j['nama_wilayah'] or kode).upper()}"
    return {"badan": badan_kpu(j["nama_kabkota"], kode[:4]), "sub_badan": ppk, "penanda_tangan": ppk,
            "identitas": identitas + [("Kecamatan", (j["nama_wilayah"] or kode).upper(), kode)]}


def judul(kontes: Kontes) -> str:
    info = kontes.info
    return judul_kontes(info["jenis"], info["nama_wilayah"], info["kode_kontes"])


def konteks(kontes: Kontes, form: Formulir) -> dict:
    """Everything the D.Hasil template of `form`'s level prints (besides release identity)."""
    t = TINGKAT[form.tingkat]
    return {
        "tingkat": t, "kontes": judul(kontes), "kop": kop_formulir(form), "form": form,
        # the ballot only: the contest-wide votes beside it would make every form of the contest
        # change (and be rendered again, `reuse`) whenever any unit changes
        "paslon": [{k: p[k] for k in ("nomor_urut", "nama", "kolom_kosong")} for p in kontes.paslon],
        "tabel": tabel(form), "sementara": form.sementara,
        "judul_dokumen": f"{t.model} {form.kode}",
        # the Koreksi annex: applied corrections of TPS under this unit (none: no annex)
        "koreksi": [k for k in kontes.koreksi if k["kode_tps"].startswith(form.kode)],
        # the plenary that adopted it (or where it stands): signatures, numbers, objections
        "pleno": kontes.pleno.get((form.tingkat, form.kode)),
    }


LAYOUT = {"I": BAGIAN_I, "II": BAGIAN_II, "III": BAGIAN_III, "IV": BAGIAN_IV, "V": BAGIAN_V}
