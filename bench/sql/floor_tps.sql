-- floor tps: the master list (optional columns such as lokasi_khusus are read and ignored).
create or replace temp table tps as
select kode_tps, dpt_l, dpt_p
from read_csv($path, header = true, delim = ',', quote = '"', escape = '"', types = {'kode_tps': 'varchar', 'dpt_l': 'bigint', 'dpt_p': 'bigint'})
