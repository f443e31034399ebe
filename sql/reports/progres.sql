-- reports/progres: one row per (contest, kecamatan): how many TPS are expected, in and passed.
select
    a.jenis,
    a.kode_kontes,
    a.kode_wilayah,
    coalesce(w.nama, '') as nama_wilayah,
    a.tps_total,
    a.tps_masuk,
    a.tps_lolos,
    a.status,
from administrasi as a
left join wilayah as w on w.kode = a.kode_wilayah
where a.tingkat = 'kecamatan'
order by a.jenis, a.kode_kontes, a.kode_wilayah
