-- administrasi.csv: one row per (contest, level, region): TPS progress, the summed form counts in
-- the order of c_hasil.csv, and whether the unit is final.
copy (
    with
    levels as (
        select * from administrasi
        union all by name
        select 'tps' as tingkat, * from administrasi_tps
    ),
    final as (
        select
            l.jenis,
            l.kode_kontes,
            l.tingkat,
            l.kode_wilayah,
            aman_sel(case when l.tingkat = 'tps' then nama_tps(l.kode_wilayah) else coalesce(w.nama, '') end)
                as nama_wilayah,
            l.tps_total,
            l.tps_masuk,
            l.tps_lolos,
            l.dpt_l, l.dpt_p, l.dpph_l, l.dpph_p, l.dptb_l, l.dptb_p, l.pemilih_jumlah,
            l.pengguna_dpt_l, l.pengguna_dpt_p, l.pengguna_dpph_l, l.pengguna_dpph_p,
            l.pengguna_dptb_l, l.pengguna_dptb_p, l.pengguna_jumlah,
            l.disabilitas_l, l.disabilitas_p, l.pengguna_disabilitas_l, l.pengguna_disabilitas_p,
            l.ss_diterima, l.ss_rusak, l.ss_tidak_digunakan, l.ss_digunakan,
            l.suara_sah, l.suara_tidak_sah, l.suara_total,
            l.status,
        from levels as l
        left join wilayah as w on w.kode = l.kode_wilayah
    )
    select * from final
    order by jenis, kode_kontes, urutan_tingkat(tingkat), kode_wilayah
) to $path (header, delimiter ',')
