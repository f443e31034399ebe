-- rilis_hasil: the votes of every unit each release named in pleno.csv published (its data/hasil.csv):
-- the adopted figures; a figure that differs now changed after the plenary.
create or replace table rilis_hasil as
select
    regexp_extract(filename, '([0-9a-f]{16})/data/hasil\.csv$', 1) as rilis,
    jenis, kode_kontes, tingkat, kode_wilayah, nomor_urut, suara,
from read_csv($hasil, filename = true, header = true, delim = ',', quote = '"', escape = '"', types = {
    'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'tingkat': 'VARCHAR', 'kode_wilayah': 'VARCHAR',
    'nomor_urut': 'INTEGER', 'suara': 'BIGINT'
})
