"""An explanation (asal angka) in words: the text `rekap explain` prints, and one correction as a
sentence (also on the portal's page)."""

from __future__ import annotations

from typing import Any

from rekap.domain import contest_title
from rekap.explain.model import Correction, Explanation
from rekap.findings import angka
from rekap.published.titles import level_label, level_word, unit_title

# why the recap did not apply a correction (data/koreksi.csv, alasan_penolakan), in words
REJECTION_NAME = {
    "formulir_tidak_ada": "formulir TPS untuk kontes ini tidak ada",
    "kolom_tidak_dikenal": "kolom tidak dikenal",
    "nilai_lama_tidak_cocok": "nilai lama tidak cocok dengan nilai pada formulir",
}
UNIT_STATUS_NAME = {"final": "final", "sementara": "sementara"}


def num(value: Any) -> str:
    """A figure in words: 177.290, or '—' when there is none."""
    return "—" if value is None else angka(value)


def correction_text(c: Correction) -> str:
    """One correction in words: who decided what, and whether it was applied."""
    where = f" di pleno {level_label(c.tingkat).lower()}" if c.tingkat else ""
    change = f"{num(c.nilai_lama)} → {num(c.nilai_baru)}"
    if c.nilai_formulir is not None and c.nilai_formulir != c.nilai_lama:
        change += f" (nilai pada formulir {num(c.nilai_formulir)})"
    if c.diterapkan is True:
        state = "diterapkan"
    elif c.diterapkan is False:
        reason = REJECTION_NAME.get(c.alasan_penolakan, c.alasan_penolakan)
        state = "tidak diterapkan" + (f": {reason}" if reason else "")
    else:
        state = "status penerapan tidak tercatat"
    parts = [f"koreksi {c.id}{where}: {change}, {state}"]
    if c.alasan:
        parts.append(f"alasan: {c.alasan}")
    if c.dokumen:
        parts.append(f"dokumen: {c.dokumen}")
    return "; ".join(parts)


def render_text(e: Explanation) -> str:
    out: list[str] = []
    first = e.kontes[0] if e.kontes else None
    title = unit_title(e.tingkat, first.nama_wilayah) if first else e.kode
    out.append(f"Asal angka: {title} ({e.kode}), kolom {e.kolom}")
    out.append(f"Rilis {e.release_id}")
    if len(e.kontes) > 1:
        out.append(f"Wilayah ini ada di {len(e.kontes)} kontes; masing-masing dijelaskan di bawah.")
    for k in e.kontes:
        out.append("")
        out.append(f"== {contest_title(k.jenis, k.kode_kontes, k.nama_kontes)} ({k.jenis} {k.kode_kontes})")
        out.append(f"Kolom: {k.label_kolom} [{k.kolom}]")
        out.append(f"Status {level_word(k.tingkat)}: {UNIT_STATUS_NAME.get(k.status_wilayah, k.status_wilayah)}")
        for f in k.temuan_wilayah:
            out.append(f"  temuan wilayah ({f.keparahan}, {f.aturan}): {f.keterangan}")
        out.append("")
        if k.tingkat == "tps":
            out.append("TPS ini:")
        else:
            out.append(f"TPS di bawah {unit_title(k.tingkat, k.nama_wilayah)} "
                       f"({angka(len(k.tps))} TPS: {angka(k.banyak('dihitung'))} dihitung, "
                       f"{angka(k.banyak('ditahan'))} ditahan, {angka(k.banyak('belum_masuk'))} belum masuk):")
        rows = [(t.kode_tps, f"{t.nama_desa} / {t.nama_tps}".strip(" /"), num(t.nilai), t.status_nama, t)
                for t in k.tps]
        header = ("kode_tps", "desa/kelurahan / TPS", "nilai", "status")
        w_kode = max([len(header[0])] + [len(r[0]) for r in rows])
        w_nama = max([len(header[1])] + [len(r[1]) for r in rows])
        w_nilai = max([len(header[2])] + [len(r[2]) for r in rows])
        out.append(f"  {header[0]:<{w_kode}}  {header[1]:<{w_nama}}  {header[2]:>{w_nilai}}  {header[3]}")
        for kode_tps, nama, nilai, status, t in rows:
            flag = "" if t.di_daftar else " (tidak ada di daftar TPS)"
            mark = " [koreksi]" if t.koreksi else ""
            out.append(f"  {kode_tps:<{w_kode}}  {nama:<{w_nama}}  {nilai:>{w_nilai}}  {status}{flag}{mark}")
            for f in t.temuan:
                kind = "alasan" if f.keparahan == "error" else "peringatan"
                out.append(f"      {kind} ({f.aturan}): {f.keterangan}")
        if not rows:
            out.append("  (tidak ada TPS)")
        out.append("")
        if not e.koreksi_tersedia:
            out.append("Koreksi: rilis ini tidak memuat data/koreksi.csv.")
        elif not k.koreksi:
            out.append("Koreksi: tidak ada koreksi yang menyentuh sel ini.")
        else:
            out.append(f"Koreksi yang menyentuh sel ini ({angka(len(k.koreksi))}):")
            for c in k.koreksi:
                out.append(f"  {c.kode_tps}: {correction_text(c)}")
        out.append("")
        if k.tingkat == "tps":
            sums = [("Nilai formulir (setelah koreksi yang diterapkan)", k.jumlah_dihitung),
                    ("Angka terbit TPS", k.nilai_terbit)]
        else:
            sums = [(f"Jumlah {angka(k.banyak('dihitung'))} TPS yang dihitung", k.jumlah_dihitung),
                    (f"Angka terbit {level_word(k.tingkat)}", k.nilai_terbit)]
        w_label = max(len(label) for label, _ in sums)
        w_value = max(len(num(value)) for _, value in sums)
        for label, value in sums:
            out.append(f"{label + ':':<{w_label + 1}}  {num(value):>{w_value}}")
        if k.tingkat == "tps" and k.tps and not k.tps[0].dihitung:
            out.append("TPS ini tidak dihitung: angkanya tidak dijumlahkan ke desa/kelurahan dan tingkat di atasnya.")
        if k.cocok:
            out.append("Sama: angka terbit sama dengan jumlah TPS yang dihitung."
                       if k.tingkat != "tps" else "Sama: angka terbit sama dengan nilai formulir.")
        else:
            out.append("!!! GALAT INTERNAL: angka terbit TIDAK sama dengan asalnya. Laporkan ke pengelola rekap. !!!")
            for problem in k.masalah:
                out.append(f"!!! {problem}")
    return "\n".join(out) + "\n"
