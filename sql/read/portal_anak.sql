-- Portal: the units one level below a unit, with their progress, status and held TPS.
with
ditahan as (
    select left(kode_wilayah, $panjang_anak) as kode, count(*) as tps_sementara
    from administrasi
    where jenis = $jenis and kode_kontes = $kode_kontes and tingkat = 'tps'
      and starts_with(kode_wilayah, $induk) and status = 'sementara'
    group by all
)
select
    a.kode_wilayah,
    a.nama_wilayah,
    a.tps_total,
    a.tps_masuk,
    a.tps_lolos,
    persen_2d(a.tps_masuk, a.tps_total) as persen_masuk,
    a.suara_sah,
    a.suara_tidak_sah,
    a.suara_total,
    a.status,
    coalesce(d.tps_sementara, 0) as tps_sementara,
from administrasi as a
left join ditahan as d on d.kode = a.kode_wilayah
where a.jenis = $jenis and a.kode_kontes = $kode_kontes and a.tingkat = $tingkat
  and starts_with(a.kode_wilayah, $induk)
order by a.kode_wilayah
