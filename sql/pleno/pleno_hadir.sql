-- pleno_hadir: one row per attendee of a plenary (pleno_hadir.csv), typed, in file order.
create or replace table pleno_hadir as
select _rec, pleno_id, peran, cast(nomor_urut as integer) as nomor_urut, nama, tanda_tangan, alasan
from stg_pleno_hadir
order by _rec
