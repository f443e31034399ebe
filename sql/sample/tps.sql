-- tps.csv of a sample package: the master list, one row per TPS, from the registered table src.
copy (
    select
        kode_tps,
        dpt_l,
        dpt_p,
        false as lokasi_khusus,
    from src
    order by kode_tps
) to $path (format csv, header, delimiter ',', quote '"', new_line '\n')
