-- ringkasan.csv: the table ringkasan, top-down by contest and level.
copy (
    select * from ringkasan
    order by jenis, kode_kontes, urutan_tingkat(tingkat)
) to $path (header, delimiter ',')
