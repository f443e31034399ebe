-- rows of hari_libur.csv that are not a date: (_rec, kolom, masalah), the first in file order.
select _rec, 'tanggal' as kolom, 'tanggal ' || tanggal || ' tidak ada di kalender' as masalah
from stg_hari_libur
where try_cast(tanggal as date) is null
order by _rec
limit 1
