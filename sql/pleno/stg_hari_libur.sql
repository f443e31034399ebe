-- stg_hari_libur: the records of hari_libur.csv as text, _rec = record number (1 = first after the header).
-- The package's own public holidays (added to the shipped ones) for counting working days.
create or replace temp table stg_hari_libur as
with
source as (
    select * from baca_csv($path, $columns)
)
select _rec, tanggal, nama
from source
