-- stg_pleno: the records of pleno.csv as text, _rec = record number (1 = first after the header).
-- One adoption of one unit's recap in its rapat pleno; checked cell by cell before any cast.
create or replace temp table stg_pleno as
with
source as (
    -- optional columns the file leaves out come through as null
    select null::varchar as nomor_keputusan where false
    union all by name
    select * from baca_csv($path, $columns)
)
select _rec, id, jenis, kode_kontes, tingkat, kode_wilayah, mulai, selesai, tempat, nomor_berita_acara, nomor_keputusan, rilis
from source
