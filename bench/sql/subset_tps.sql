-- subset tps: the rows of a TPS-keyed file (tps.csv, c_hasil.csv, suara_paslon.csv) whose TPS lies
-- in one of $kabkota, text kept as it is and in file order.
copy (
    select *
    from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
    where left(kode_tps, 4) in (select unnest($kabkota::varchar[]))
) to $target (header, delimiter ',')
