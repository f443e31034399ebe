-- rilis penetapan: the decision of each contest in a release's data/penetapan.csv.
select jenis, kode_kontes, status, nomor_urut, suara
from read_csv($path, header = true, delim = ',', quote = '"', escape = '"', types = {'kode_kontes': 'varchar', 'nomor_urut': 'integer', 'suara': 'bigint'})
order by jenis, kode_kontes
