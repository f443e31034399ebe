-- rekonsiliasi.csv: the table rekonsiliasi, top-down by contest, level, unit and ballot number.
copy (
    select
        jenis, kode_kontes, tingkat, kode_wilayah, aman_sel(nama_wilayah) as nama_wilayah, nomor_urut,
        aman_sel(nama_paslon) as nama_paslon, suara_rekap, suara_pembanding, selisih,
        tps_total_rekap, tps_progres_rekap, tps_total_pembanding, tps_progres_pembanding,
        status, status_unit, keterangan,
    from rekonsiliasi
    order by jenis, kode_kontes, urutan_tingkat(tingkat), kode_wilayah, nomor_urut
) to $path (header, delimiter ',')
