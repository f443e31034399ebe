-- stg_paslon: the records of paslon.csv as text, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace temp table stg_paslon as
select _rec, jenis, kode_kontes, nomor_urut, nama, kolom_kosong
from baca_csv($path, $columns)
