-- c_hasil, once every cell passed: number the submissions of each TPS and contest (1 for the first
-- in the file, 2 for its resubmission, ...) and drop the check flags. Only TPS that sent more than
-- once need numbering, so the window runs over those few rows instead of sorting the whole file.
update c_hasil as c
set pengiriman = r.pengiriman
from (
    select _rec, row_number() over (partition by jenis, kode_tps order by _rec) as pengiriman,
    from c_hasil
    semi join (
        select jenis, kode_tps from c_hasil group by jenis, kode_tps having count(*) > 1
    ) as resent using (jenis, kode_tps)
) as r
where c._rec = r._rec and r.pengiriman > 1;
alter table c_hasil drop column _sah;
alter table c_hasil drop column _waktu_sah;
