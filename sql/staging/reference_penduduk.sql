-- penduduk: one row per province or kab/kota code: the population that sets the MK threshold.
create or replace table penduduk as
select kode, total
from read_csv(
    $reference_path, header = true,
    columns = {'kode': 'VARCHAR', 'nama': 'VARCHAR', 'total': 'BIGINT'},
    auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true
)
order by kode
