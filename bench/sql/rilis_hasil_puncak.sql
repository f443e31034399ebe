-- rilis hasil_puncak: the kab/kota and province rows of a release's data/hasil.csv.
select jenis, kode_kontes, tingkat, kode_wilayah, nomor_urut, suara
from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {
    'jenis': 'varchar', 'kode_kontes': 'varchar', 'tingkat': 'varchar', 'kode_wilayah': 'varchar',
    'nama_wilayah': 'varchar', 'nomor_urut': 'integer', 'nama_paslon': 'varchar', 'suara': 'bigint'
})
where tingkat in ('kabkota', 'provinsi')
order by jenis, kode_kontes, tingkat, kode_wilayah, nomor_urut
