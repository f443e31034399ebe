-- suara_paslon.csv of a sample package: one row per (TPS, jenis, ballot column), from the
-- registered table src (jenis as 0/1, written as $jenis_0/$jenis_1).
copy (
    select
        kode_tps,
        case jenis when 0 then $jenis_0 else $jenis_1 end as jenis,
        nomor_urut,
        suara,
    from src
    order by kode_tps, src.jenis, nomor_urut
) to $path (format csv, header, delimiter ',', quote '"', new_line '\n')
