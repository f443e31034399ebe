"""One Sirekap per-TPS form (a JSON file) as its contract rows: one c_hasil.csv row and its suara_paslon.csv rows.

The C.Hasil-KWK counts are read under the portal's key names (SOURCE_KEYS); the keys the public
portal is known to publish are required (REQUIRED_KEYS); a count the form does not carry is filled
by FILL_RULES and counted in the Conversion. A TPS not entered yet (chart or administrasi null)
gives no form: the gate then says the form has not come in.
"""

from __future__ import annotations

from rekap.contract import C_HASIL_COUNTS
from rekap.domain import CONTEST_TYPES
from rekap.errors import InputError
from rekap.ingest.json_values import json_count, json_object, json_timestamp, show_json
from rekap.ingest.sirekap_conversion import FILL_RULES, Conversion

# contract column -> key of `tungsura.administrasi` (the C.Hasil-KWK row, in the portal's naming)
SOURCE_KEYS: dict[str, str] = {
    "dpt_l": "pemilih_dpt_l", "dpt_p": "pemilih_dpt_p",
    "dpph_l": "pemilih_dpph_l", "dpph_p": "pemilih_dpph_p",
    "dptb_l": "pemilih_dptb_l", "dptb_p": "pemilih_dptb_p",
    "pemilih_jumlah": "pemilih_total_j",
    "pengguna_dpt_l": "pengguna_dpt_l", "pengguna_dpt_p": "pengguna_dpt_p",
    "pengguna_dpph_l": "pengguna_dpph_l", "pengguna_dpph_p": "pengguna_dpph_p",
    "pengguna_dptb_l": "pengguna_dptb_l", "pengguna_dptb_p": "pengguna_dptb_p",
    "pengguna_jumlah": "pengguna_total_j",
    "disabilitas_l": "pemilih_disabilitas_l", "disabilitas_p": "pemilih_disabilitas_p",
    "pengguna_disabilitas_l": "pengguna_disabilitas_l", "pengguna_disabilitas_p": "pengguna_disabilitas_p",
    "ss_diterima": "surat_diterima", "ss_rusak": "surat_dikembalikan",
    "ss_tidak_digunakan": "surat_tidak_digunakan", "ss_digunakan": "surat_digunakan",
    "suara_sah": "suara_sah", "suara_tidak_sah": "suara_tidak_sah", "suara_total": "suara_total",
}
# what the public portal's per-TPS form is known to carry: a form without one of them is unusable
REQUIRED_KEYS = ("suara_sah", "suara_tidak_sah", "suara_total", "pemilih_dpt_j", "pemilih_dpt_l",
                 "pemilih_dpt_p", "pengguna_dpt_j", "pengguna_dpt_l", "pengguna_dpt_p")
# written totals per category: they make up a grand total the form leaves out
_CATEGORY_TOTALS = {"pemilih_jumlah": ("pemilih_dpt_j", "pemilih_dpph_j", "pemilih_dptb_j"),
                    "pengguna_jumlah": ("pengguna_dpt_j", "pengguna_dpph_j", "pengguna_dptb_j")}
KNOWN_KEYS = frozenset(SOURCE_KEYS.values()) | frozenset(REQUIRED_KEYS) | frozenset(
    k for keys in _CATEGORY_TOTALS.values() for k in keys) | {"pemilih_disabilitas_j", "pengguna_disabilitas_j"}
_TOP_KEYS = frozenset({"tungsura", "ts", "psu", "status_suara", "status_adm", "images", "mode"})
FORM_COLUMNS = ("kode_tps", "jenis", *C_HASIL_COUNTS, "diterima_pada")
VOTE_COLUMNS = ("kode_tps", "jenis", "nomor_urut", "suara")


def convert_form(doc, rel: str, kode: str, jenis: str, ids: dict, forms, votes, conv: Conversion) -> None:
    doc = json_object(doc, rel, "$")
    conv.unknown_keys.update(f"$.{k}" for k in doc if k not in _TOP_KEYS)
    for key in ("status_suara", "status_adm"):
        value = doc.get(key)
        if value is not None and type(value) is not bool:
            raise InputError(rel, None, key, f"harus true/false, bukan {show_json(value)}")
        if value is False:
            conv.status_false[key] += 1
    if doc.get("psu") is not None and not isinstance(doc["psu"], str):
        raise InputError(rel, None, "psu", f"harus null atau teks, bukan {show_json(doc['psu'])}")
    if "tungsura" not in doc:
        raise InputError(rel, None, "tungsura", "kunci wajib tidak ada")
    ts = json_timestamp(doc.get("ts"), rel)
    tungsura = doc["tungsura"]
    for key in ("chart", "administrasi") if tungsura is not None else ():
        if key not in json_object(tungsura, rel, "tungsura"):
            raise InputError(rel, None, f"tungsura.{key}", "kunci wajib tidak ada")
    if tungsura is None or tungsura["chart"] is None or tungsura["administrasi"] is None:
        conv.not_entered += 1  # the TPS has not been entered yet: no form, the gate says so
        return
    chart = json_object(tungsura["chart"], rel, "tungsura.chart")
    adm = json_object(tungsura["administrasi"], rel, "tungsura.administrasi")
    for key in REQUIRED_KEYS:
        if key not in adm:
            raise InputError(rel, None, f"tungsura.administrasi.{key}", "kunci wajib tidak ada")
    for key, value in adm.items():
        if key in KNOWN_KEYS:
            json_count(value, rel, f"tungsura.administrasi.{key}")
        else:
            conv.unknown_keys.add(f"tungsura.administrasi.{key}")
    row = {c: adm.get(k) for c, k in SOURCE_KEYS.items()}
    _fill(row, adm, conv)
    kontes = kode[:CONTEST_TYPES[jenis].code_length]
    pairs = []
    for pid, value in chart.items():
        if pid == "progres":  # the aggregates' progress block, not a candidate
            continue
        where = f"tungsura.chart.{pid}"
        if pid not in ids:
            raise InputError(rel, None, where, f"id paslon {pid} tidak ada di paslon/{jenis}.json")
        if ids[pid][0] != kontes:
            raise InputError(rel, None, where,
                             f"id paslon {pid} milik kontes {ids[pid][0]}, bukan kontes TPS ini ({kontes})")
        pairs.append((ids[pid][1], json_count(value, rel, where)))
    forms.writerow((kode, jenis, *(row[c] for c in C_HASIL_COUNTS), ts))
    votes.writerows((kode, jenis, nomor, suara) for nomor, suara in sorted(pairs))
    conv.forms += 1
    conv.pair_rows += len(pairs)


def _fill(row: dict, adm: dict, conv: Conversion) -> None:
    """Fill, in FILL_RULES order, every count the form does not carry (see docs/sirekap.md)."""
    for column in FILL_RULES:
        if row[column] is not None:
            continue
        conv.filled[column] += 1
        if column in _CATEGORY_TOTALS:
            row[column] = sum(adm.get(k) or 0 for k in _CATEGORY_TOTALS[column])
        elif column == "ss_digunakan":
            row[column] = row["pengguna_jumlah"]
        elif column == "ss_diterima":
            row[column] = row["ss_rusak"] + row["ss_tidak_digunakan"] + row["ss_digunakan"]
        else:
            row[column] = 0
