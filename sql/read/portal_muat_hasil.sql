-- Portal: load a published release's hasil.csv (immutable) into the portal's in-memory database,
-- sorted by (contest, level, region) so that a page's lookups read only a few row groups.
create table hasil as
select jenis, kode_kontes, tingkat, kode_wilayah, nama_wilayah, nomor_urut, nama_paslon, suara
from read_csv($path, header = true, delim = ',', quote = '"', escape = '"', types = {
    'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'tingkat': 'VARCHAR', 'kode_wilayah': 'VARCHAR',
    'nama_wilayah': 'VARCHAR', 'nomor_urut': 'INTEGER', 'nama_paslon': 'VARCHAR', 'suara': 'BIGINT'
})
order by jenis, kode_kontes, tingkat, kode_wilayah, nomor_urut
