-- stg_sengketa: the records of sengketa.csv as text, _rec = record number (1 = first after the header).
-- Disputes of a contest's result at the MK (PHPU) and their rulings.
create or replace temp table stg_sengketa as
with
source as (
    -- optional columns the file leaves out come through as null
    select null::varchar as putusan, null::varchar as dibacakan_pada where false
    union all by name
    select * from baca_csv($path, $columns)
)
select _rec, jenis, kode_kontes, nomor_perkara, diajukan_pada, putusan, dibacakan_pada
from source
