-- suara_paslon: one row per submitted vote count of one ballot column at one TPS, typed.
create or replace table suara_paslon as
select
    _rec,
    jenis,
    case jenis when 'pkwkp' then left(kode_tps, 2) else left(kode_tps, 4) end as kode_kontes,
    kode_tps,
    -- the n-th row of a TPS, contest and ballot number belongs to the n-th submission of its form
    row_number() over (partition by jenis, kode_tps, nomor_urut order by _rec) as pengiriman,
    cast(nomor_urut as integer) as nomor_urut,
    cast(suara as bigint) as suara,
from stg_suara_paslon
order by _rec
