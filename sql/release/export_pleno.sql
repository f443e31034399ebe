-- pleno.csv: one row per (contest, plenary level up to its top, unit): its plenary status and
-- timeliness, and the adoption it stands on (contract: "Rapat pleno").
copy (
    select
        jenis,
        kode_kontes,
        tingkat,
        kode_wilayah,
        status,
        ketepatan,
        strftime(batas, '%Y-%m-%d') as batas,
        zona,
        aman_sel(pleno_id) as pleno_id,
        mulai,
        selesai,
        aman_sel(tempat) as tempat,
        nomor_berita_acara,
        nomor_keputusan,
        rilis,
        saksi_menolak,
        keberatan,
        aman_sel(dibuka_oleh) as dibuka_oleh,
    from pleno_status
    order by jenis, kode_kontes, (select urutan from tingkat as t where t.tingkat = pleno_status.tingkat), kode_wilayah
) to $path (header, delimiter ',')
