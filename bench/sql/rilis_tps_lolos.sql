-- rilis tps_lolos: forms that passed every error rule, summed from a release's data/administrasi.csv.
select coalesce(sum(tps_lolos::bigint), 0)::bigint
from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
where tingkat = 'tps'
