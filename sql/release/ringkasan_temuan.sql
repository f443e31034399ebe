-- one row per (rule, severity): how many findings and in how many contests, for the operator
select aturan, keparahan, count(*) as temuan, count(distinct (jenis, kode_kontes)) as kontes,
    min(keterangan) as contoh,
from temuan
group by aturan, keparahan
order by keparahan, temuan desc, aturan
