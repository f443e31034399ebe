-- keberatan: one row per objection written at a plenary (keberatan.csv), typed, in file order.
create or replace table keberatan as
select
    _rec, pleno_id, cast(nomor as integer) as nomor, pengaju, cast(nomor_urut as integer) as nomor_urut,
    uraian, tanggapan, kode_tps, koreksi_id,
from stg_keberatan
order by _rec
