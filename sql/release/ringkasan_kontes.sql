-- one row per (contest, level): how many units, how many final, and the TPS progress, for the
-- operator's view of a run (Prefect table artifacts)
with
levels as (
    select tingkat, jenis, kode_kontes, tps_total, tps_masuk, tps_lolos, status from administrasi
)
select
    l.jenis,
    l.kode_kontes,
    k.nama_wilayah,
    l.tingkat,
    count(*) as unit,
    count(*) filter (where l.status = 'final') as unit_final,
    sum(l.tps_total)::bigint as tps_total,
    sum(l.tps_masuk)::bigint as tps_masuk,
    sum(l.tps_lolos)::bigint as tps_lolos,
    any_value(p.status) as penetapan,
from levels as l
join kontes as k on k.jenis = l.jenis and k.kode_kontes = l.kode_kontes
left join penetapan as p on p.jenis = l.jenis and p.kode_kontes = l.kode_kontes
group by l.jenis, l.kode_kontes, k.nama_wilayah, l.tingkat
order by l.jenis, l.kode_kontes, urutan_tingkat(l.tingkat)
