-- stg_tps: the records of tps.csv as text, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace temp table stg_tps as
with
source as (
    -- an optional column the file leaves out comes through as null
    select null::varchar as lokasi_khusus where false
    union all by name
    select * from baca_csv($path, $columns)
)
select _rec, kode_tps, dpt_l, dpt_p, lokasi_khusus
from source
