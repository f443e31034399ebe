-- apply the corrections of jejak_koreksi to the counts of the form that counts: a cell with an
-- applied correction takes the value its last correction left (a refused one changes nothing)
update form as f
set
    dpt_l = coalesce(k.dpt_l, f.dpt_l),
    dpt_p = coalesce(k.dpt_p, f.dpt_p),
    dpph_l = coalesce(k.dpph_l, f.dpph_l),
    dpph_p = coalesce(k.dpph_p, f.dpph_p),
    dptb_l = coalesce(k.dptb_l, f.dptb_l),
    dptb_p = coalesce(k.dptb_p, f.dptb_p),
    pemilih_jumlah = coalesce(k.pemilih_jumlah, f.pemilih_jumlah),
    pengguna_dpt_l = coalesce(k.pengguna_dpt_l, f.pengguna_dpt_l),
    pengguna_dpt_p = coalesce(k.pengguna_dpt_p, f.pengguna_dpt_p),
    pengguna_dpph_l = coalesce(k.pengguna_dpph_l, f.pengguna_dpph_l),
    pengguna_dpph_p = coalesce(k.pengguna_dpph_p, f.pengguna_dpph_p),
    pengguna_dptb_l = coalesce(k.pengguna_dptb_l, f.pengguna_dptb_l),
    pengguna_dptb_p = coalesce(k.pengguna_dptb_p, f.pengguna_dptb_p),
    pengguna_jumlah = coalesce(k.pengguna_jumlah, f.pengguna_jumlah),
    disabilitas_l = coalesce(k.disabilitas_l, f.disabilitas_l),
    disabilitas_p = coalesce(k.disabilitas_p, f.disabilitas_p),
    pengguna_disabilitas_l = coalesce(k.pengguna_disabilitas_l, f.pengguna_disabilitas_l),
    pengguna_disabilitas_p = coalesce(k.pengguna_disabilitas_p, f.pengguna_disabilitas_p),
    ss_diterima = coalesce(k.ss_diterima, f.ss_diterima),
    ss_rusak = coalesce(k.ss_rusak, f.ss_rusak),
    ss_tidak_digunakan = coalesce(k.ss_tidak_digunakan, f.ss_tidak_digunakan),
    ss_digunakan = coalesce(k.ss_digunakan, f.ss_digunakan),
    suara_sah = coalesce(k.suara_sah, f.suara_sah),
    suara_tidak_sah = coalesce(k.suara_tidak_sah, f.suara_tidak_sah),
    suara_total = coalesce(k.suara_total, f.suara_total)
from (
    with
    cell as (
        select jenis, kode_tps, kolom, arg_max(nilai_sesudah, _rec) as nilai,
        from jejak_koreksi
        where nomor_urut is null and nilai_sesudah is not null
        group by jenis, kode_tps, kolom
        having bool_or(diterapkan)
    )
    select
        jenis,
        kode_tps,
        any_value(nilai) filter (where kolom = 'dpt_l') as dpt_l,
        any_value(nilai) filter (where kolom = 'dpt_p') as dpt_p,
        any_value(nilai) filter (where kolom = 'dpph_l') as dpph_l,
        any_value(nilai) filter (where kolom = 'dpph_p') as dpph_p,
        any_value(nilai) filter (where kolom = 'dptb_l') as dptb_l,
        any_value(nilai) filter (where kolom = 'dptb_p') as dptb_p,
        any_value(nilai) filter (where kolom = 'pemilih_jumlah') as pemilih_jumlah,
        any_value(nilai) filter (where kolom = 'pengguna_dpt_l') as pengguna_dpt_l,
        any_value(nilai) filter (where kolom = 'pengguna_dpt_p') as pengguna_dpt_p,
        any_value(nilai) filter (where kolom = 'pengguna_dpph_l') as pengguna_dpph_l,
        any_value(nilai) filter (where kolom = 'pengguna_dpph_p') as pengguna_dpph_p,
        any_value(nilai) filter (where kolom = 'pengguna_dptb_l') as pengguna_dptb_l,
        any_value(nilai) filter (where kolom = 'pengguna_dptb_p') as pengguna_dptb_p,
        any_value(nilai) filter (where kolom = 'pengguna_jumlah') as pengguna_jumlah,
        any_value(nilai) filter (where kolom = 'disabilitas_l') as disabilitas_l,
        any_value(nilai) filter (where kolom = 'disabilitas_p') as disabilitas_p,
        any_value(nilai) filter (where kolom = 'pengguna_disabilitas_l') as pengguna_disabilitas_l,
        any_value(nilai) filter (where kolom = 'pengguna_disabilitas_p') as pengguna_disabilitas_p,
        any_value(nilai) filter (where kolom = 'ss_diterima') as ss_diterima,
        any_value(nilai) filter (where kolom = 'ss_rusak') as ss_rusak,
        any_value(nilai) filter (where kolom = 'ss_tidak_digunakan') as ss_tidak_digunakan,
        any_value(nilai) filter (where kolom = 'ss_digunakan') as ss_digunakan,
        any_value(nilai) filter (where kolom = 'suara_sah') as suara_sah,
        any_value(nilai) filter (where kolom = 'suara_tidak_sah') as suara_tidak_sah,
        any_value(nilai) filter (where kolom = 'suara_total') as suara_total,
    from cell
    group by jenis, kode_tps
) as k
where f.jenis = k.jenis and f.kode_tps = k.kode_tps
