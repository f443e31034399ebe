-- floor paslon: one row per ballot column of a contest, typed by the CSV reader.
create or replace temp table paslon as
select jenis, kode_kontes, nomor_urut, trim(nama) as nama, kolom_kosong
from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {
    'jenis': 'varchar', 'kode_kontes': 'varchar', 'nomor_urut': 'integer',
    'nama': 'varchar', 'kolom_kosong': 'boolean'
})
