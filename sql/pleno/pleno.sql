-- pleno: one row per adoption in pleno.csv, typed, in file order. Times are kept in UTC
-- (`mulai_utc`, `selesai_utc`) and in the unit's own zone (`selesai_lokal`, `zona`): a deadline
-- ends at 23:59 local time. `nomor_keputusan` is set at the contest's top level only.
create or replace table pleno as
select
    p._rec,
    p.id,
    p.jenis,
    p.kode_kontes,
    p.tingkat,
    p.kode_wilayah,
    timezone('UTC', cast(p.mulai as timestamptz)) as mulai_utc,
    timezone('UTC', cast(p.selesai as timestamptz)) as selesai_utc,
    timezone('UTC', cast(p.selesai as timestamptz)) + to_hours(z.offset_jam) as selesai_lokal,
    z.zona,
    p.mulai,
    p.selesai,
    p.tempat,
    p.nomor_berita_acara,
    p.nomor_keputusan,
    p.rilis,
from stg_pleno as p
join zona_wilayah as z on z.kode_provinsi = left(p.kode_wilayah, 2)
order by p._rec
