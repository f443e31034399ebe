-- penetapan.csv: one row per contest: its determination (contract column order).
copy (
    select
        jenis,
        kode_kontes,
        status,
        nomor_urut,
        aman_sel(nama_paslon) as nama_paslon,
        suara,
        persen,
        suara_sah,
        selisih_suara,
        selisih_persen,
        ambang_mk_persen,
        dapat_diajukan_ke_mk,
    from penetapan
    order by jenis, kode_kontes
) to $path (header, delimiter ',')
