-- sengketa: one row per MK dispute of a contest's result (sengketa.csv), typed, in file order.
create or replace table sengketa as
select
    _rec, jenis, kode_kontes, nomor_perkara,
    timezone('UTC', cast(diajukan_pada as timestamptz)) as diajukan_utc,
    putusan,
    timezone('UTC', cast(dibacakan_pada as timestamptz)) as dibacakan_utc,
    diajukan_pada,
    dibacakan_pada,
from stg_sengketa
order by _rec
