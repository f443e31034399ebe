-- koreksi: one row per correction of koreksi.csv (decided in a plenary), typed, in file order.
-- `kolom` is a c_hasil count column or suara:<nomor_urut>; nomor_urut is set for the latter only.
create or replace table koreksi as
select
    _rec,
    id,
    kode_tps,
    jenis,
    case jenis when 'pkwkp' then left(kode_tps, 2) else left(kode_tps, 4) end as kode_kontes,
    kolom,
    case when starts_with(kolom, 'suara:') then cast(substr(kolom, 7) as integer) end as nomor_urut,
    cast(nilai_lama as bigint) as nilai_lama,
    cast(nilai_baru as bigint) as nilai_baru,
    tingkat,
    alasan,
    dokumen,
    dasar,
from stg_koreksi
order by _rec
