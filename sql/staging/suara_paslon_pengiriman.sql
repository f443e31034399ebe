-- suara_paslon, once every cell passed: the n-th row of a TPS, contest and ballot number belongs to
-- the n-th submission of its form. Only the few repeated (TPS, contest, ballot number) need a
-- window; every other row keeps pengiriman 1. Then the check flag goes.
update suara_paslon as s
set pengiriman = r.pengiriman
from (
    select _rec, row_number() over (partition by jenis, kode_tps, nomor_urut order by _rec) as pengiriman,
    from suara_paslon
    semi join (
        select jenis, kode_tps, nomor_urut from suara_paslon
        group by jenis, kode_tps, nomor_urut having count(*) > 1
    ) as resent using (jenis, kode_tps, nomor_urut)
) as r
where s._rec = r._rec and r.pengiriman > 1;
alter table suara_paslon drop column _sah;
