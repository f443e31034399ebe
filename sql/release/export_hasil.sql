-- hasil.csv: one row per (contest, level, region, ballot column), every level top-down.
copy (
    with
    levels as (
        select tingkat, jenis, kode_kontes, kode_wilayah, nomor_urut, suara from hasil
        union all
        select 'tps', jenis, kode_kontes, kode_wilayah, nomor_urut, suara from hasil_tps
    ),
    final as (
        select
            l.jenis,
            l.kode_kontes,
            l.tingkat,
            l.kode_wilayah,
            aman_sel(case when l.tingkat = 'tps' then nama_tps(l.kode_wilayah) else coalesce(w.nama, '') end)
                as nama_wilayah,
            l.nomor_urut,
            aman_sel(coalesce(p.nama, '')) as nama_paslon,
            l.suara,
        from levels as l
        left join wilayah as w on w.kode = l.kode_wilayah
        left join paslon as p
            on p.jenis = l.jenis and p.kode_kontes = l.kode_kontes and p.nomor_urut = l.nomor_urut
    )
    select * from final
    order by jenis, kode_kontes, urutan_tingkat(tingkat), kode_wilayah, nomor_urut
) to $path (header, delimiter ',')
