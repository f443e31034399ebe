-- Portal: one unit of a contest (any level): its progress, summed form counts and status, with
-- how many TPS under it are still held back (sementara).
select
    a.*,
    persen_2d(a.tps_masuk, a.tps_total) as persen_masuk,
    (
        select count(*)
        from administrasi as t
        where t.jenis = $jenis and t.kode_kontes = $kode_kontes and t.tingkat = 'tps'
          and starts_with(t.kode_wilayah, $kode_wilayah) and t.status = 'sementara'
    ) as tps_sementara,
from administrasi as a
where a.jenis = $jenis and a.kode_kontes = $kode_kontes and a.kode_wilayah = $kode_wilayah
order by a.tingkat
limit 1
