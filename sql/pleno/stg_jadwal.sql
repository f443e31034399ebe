-- stg_jadwal: the records of jadwal.csv as text, _rec = record number (1 = first after the header).
-- The package's own timetable (overrides the shipped 2024 one when it has rows).
create or replace temp table stg_jadwal as
with
source as (
    select * from baca_csv($path, $columns)
)
select _rec, tahapan, mulai, selesai
from source
