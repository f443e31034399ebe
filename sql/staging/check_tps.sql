-- rows of tps.csv that make the master list ambiguous: (_rec, kolom, masalah), first first.
with
numbered as (
    select _rec, kode_tps, row_number() over (partition by kode_tps order by _rec) as occurrence,
    from stg_tps
)
select _rec, 'kode_tps' as kolom, 'TPS ' || kode_tps || ' tercantum lebih dari sekali' as masalah
from numbered
where occurrence > 1
order by _rec
limit 1
