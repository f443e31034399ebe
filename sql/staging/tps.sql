-- tps: one row per TPS of the master list (the universe every contest expects a form from).
create or replace table tps as
select
    kode_tps,
    cast(dpt_l as bigint) as dpt_l,
    cast(dpt_p as bigint) as dpt_p,
    coalesce(lower(lokasi_khusus) = 'true', false) as lokasi_khusus,
from stg_tps
order by kode_tps
