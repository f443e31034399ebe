-- rows of jadwal.csv and hari_libur.csv that cannot be a date or a timetable: (_rec, kolom,
-- masalah), the first in file order of jadwal.csv: an impossible date, a stage listed twice, a
-- stage that ends before it starts, a timetable without its voting day.
with
j as (
    select
        *,
        try_cast(mulai as date) as d_mulai,
        try_cast(selesai as date) as d_selesai,
        row_number() over (partition by tahapan order by _rec) as kemunculan,
    from stg_jadwal
),
problems as (
    select _rec, 1 as urutan, 'mulai' as kolom, 'tanggal ' || mulai || ' tidak ada di kalender' as masalah
    from j where d_mulai is null
    union all
    select _rec, 2, 'selesai', 'tanggal ' || selesai || ' tidak ada di kalender' from j where d_selesai is null
    union all
    select _rec, 3, 'tahapan', 'tahapan ' || tahapan || ' tercantum lebih dari sekali' from j where kemunculan > 1
    union all
    select _rec, 4, 'selesai', 'selesai (' || selesai || ') sebelum mulai (' || mulai || ')' from j where d_selesai < d_mulai
    union all
    select max(_rec), 5, 'tahapan', 'jadwal tanpa tahapan pemungutan (hari pemungutan suara)'
    from j having count(*) > 0 and count(*) filter (where tahapan = 'pemungutan') = 0
)
select _rec, kolom, masalah
from problems
order by _rec, urutan
limit 1
