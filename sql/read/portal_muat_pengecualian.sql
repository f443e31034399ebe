-- Portal: load a published release's pengecualian.csv (one row per finding of a check).
create table pengecualian as
select
    jenis, kode_kontes, tingkat, kode_wilayah, coalesce(kode_tps, '') as kode_tps,
    aturan, keparahan, coalesce(keterangan, '') as keterangan,
from read_csv($path, header = true, delim = ',', quote = '"', escape = '"', types = {
    'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'tingkat': 'VARCHAR', 'kode_wilayah': 'VARCHAR',
    'kode_tps': 'VARCHAR', 'aturan': 'VARCHAR', 'keparahan': 'VARCHAR', 'keterangan': 'VARCHAR'
})
order by jenis, kode_kontes, kode_wilayah
