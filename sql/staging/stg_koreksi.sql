-- stg_koreksi: the records of koreksi.csv as text, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace temp table stg_koreksi as
with
source as (
    -- an optional column the file leaves out comes through as null
    select null::varchar as dasar where false
    union all by name
    select * from baca_csv($path, $columns)
)
select _rec, id, kode_tps, jenis, kolom, nilai_lama, nilai_baru, tingkat, alasan, dokumen, dasar
from source
