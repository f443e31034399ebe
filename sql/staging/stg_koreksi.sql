-- stg_koreksi: the records of koreksi.csv as text, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace temp table stg_koreksi as
select _rec, id, kode_tps, jenis, kolom, nilai_lama, nilai_baru, tingkat, alasan, dokumen
from baca_csv($path, $columns)
