-- stg_suara_paslon: the records of suara_paslon.csv as text, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace temp table stg_suara_paslon as
select _rec, kode_tps, jenis, nomor_urut, suara
from baca_csv($path, $columns)
