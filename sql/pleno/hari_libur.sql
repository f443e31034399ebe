-- hari_libur: one row per public holiday (the shipped national list and the package's own), for
-- counting working days (the MK window).
create or replace table hari_libur as
select tanggal, min(nama) as nama
from (
    select cast(tanggal as date) as tanggal, nama from stg_hari_libur
    union all
    select tanggal, nama
    from read_csv($reference_path, header = true, columns = {'tanggal': 'DATE', 'nama': 'VARCHAR'})
)
group by tanggal
order by tanggal
