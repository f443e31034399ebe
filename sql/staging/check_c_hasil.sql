-- rows of c_hasil.csv whose submission time is well-formed text but no real time: (_rec, kolom, masalah).
select _rec, 'diterima_pada' as kolom, 'waktu ' || diterima_pada || ' tidak ada di kalender' as masalah
from stg_c_hasil
where diterima_pada is not null and try_cast(diterima_pada as timestamptz) is null
order by _rec
limit 1
