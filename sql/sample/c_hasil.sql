-- c_hasil.csv of a sample package: one form per (TPS, jenis), from the registered table src
-- (jenis as 0/1, written as $jenis_0/$jenis_1).
copy (
    select
        kode_tps,
        case jenis when 0 then $jenis_0 else $jenis_1 end as jenis,
        dpt_l, dpt_p, dpph_l, dpph_p, dptb_l, dptb_p, pemilih_jumlah,
        pengguna_dpt_l, pengguna_dpt_p, pengguna_dpph_l, pengguna_dpph_p,
        pengguna_dptb_l, pengguna_dptb_p, pengguna_jumlah,
        disabilitas_l, disabilitas_p, pengguna_disabilitas_l, pengguna_disabilitas_p,
        ss_diterima, ss_rusak, ss_tidak_digunakan, ss_digunakan,
        suara_sah, suara_tidak_sah, suara_total,
    from src
    order by kode_tps, src.jenis
) to $path (format csv, header, delimiter ',', quote '"', new_line '\n')
