-- keberatan.csv: one row per objection recorded at a plenary, with the unit it was raised at
-- (contract: "Rapat pleno"); the rows of each plenary's Model D.Kejadian Khusus.
copy (
    select
        aman_sel(k.pleno_id) as pleno_id,
        p.jenis,
        p.kode_kontes,
        p.tingkat,
        p.kode_wilayah,
        k.nomor,
        k.pengaju,
        k.nomor_urut,
        coalesce(k.kode_tps, '') as kode_tps,
        aman_sel(k.uraian) as uraian,
        aman_sel(k.tanggapan) as tanggapan,
        aman_sel(coalesce(k.koreksi_id, '')) as koreksi_id,
    from keberatan as k
    join pleno as p on p.id = k.pleno_id
    order by p._rec, k.nomor
) to $path (header, delimiter ',')
