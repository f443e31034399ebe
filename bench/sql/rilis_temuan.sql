-- rilis temuan: findings at TPS level per rule and severity, from a release's data/pengecualian.csv.
select aturan, keparahan, count(*) as n
from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
where tingkat = 'tps'
group by aturan, keparahan
order by aturan
