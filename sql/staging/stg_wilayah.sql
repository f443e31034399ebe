-- stg_wilayah: the records of wilayah.csv as text, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace temp table stg_wilayah as
select _rec, kode, nama
from baca_csv($path, $columns)
