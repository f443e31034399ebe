-- stg_pleno_hadir: the records of pleno_hadir.csv as text, _rec = record number (1 = first after the header).
-- Who attended each plenary (members, witnesses of each pair, supervisors) and whether they signed.
create or replace temp table stg_pleno_hadir as
with
source as (
    -- optional columns the file leaves out come through as null
    select null::varchar as alasan where false
    union all by name
    select * from baca_csv($path, $columns)
)
select _rec, pleno_id, peran, nomor_urut, nama, tanda_tangan, alasan
from source
