-- subset paslon: the contests that still have TPS: the governor contests of the provinces and the
-- regent/mayor contests of the kab/kota in $kabkota, in file order.
copy (
    select *
    from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
    where (jenis = 'pkwkp' and kode_kontes in (select distinct left(unnest($kabkota::varchar[]), 2)))
        or (jenis = 'pkwkk' and kode_kontes in (select unnest($kabkota::varchar[])))
) to $target (header, delimiter ',')
