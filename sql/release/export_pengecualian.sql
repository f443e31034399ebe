-- pengecualian.csv: one row per finding of a check: which unit or TPS, which rule, why.
copy (
    select
        jenis,
        kode_kontes,
        tingkat,
        kode_wilayah,
        coalesce(kode_tps, '') as kode_tps,
        aturan,
        keparahan,
        aman_sel(keterangan) as keterangan,
    from temuan
    order by jenis, kode_kontes, urutan_tingkat(tingkat), kode_wilayah, kode_tps, aturan, keterangan
) to $path (header, delimiter ',')
