-- stg_keberatan: the records of keberatan.csv as text, _rec = record number (1 = first after the header).
-- Objections written at a plenary (Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK).
create or replace temp table stg_keberatan as
with
source as (
    -- optional columns the file leaves out come through as null
    select null::varchar as kode_tps, null::varchar as koreksi_id where false
    union all by name
    select * from baca_csv($path, $columns)
)
select _rec, pleno_id, nomor, pengaju, nomor_urut, uraian, tanggapan, kode_tps, koreksi_id
from source
