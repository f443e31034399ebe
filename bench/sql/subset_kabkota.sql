-- subset kabkota: the kab/kota of a package in code order, whole, until $target TPS are reached
-- (the first ones whose running TPS count before them is still below the target).
with
per_kabkota as (
    select left(kode_tps, 4) as kode_kabkota, count(*) as n_tps
    from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
    group by all
),
running as (
    select *, sum(n_tps) over (order by kode_kabkota rows between unbounded preceding and 1 preceding) as sebelum
    from per_kabkota
)
select kode_kabkota, n_tps
from running
where coalesce(sebelum, 0) < $target
order by kode_kabkota
