-- Portal: the contests of a release — top unit (progress, status), penetapan, held TPS — grouped
-- by province (the governor's race first, then the regent/mayor races), by code.
with
puncak as (
    select *
    from administrasi
    where kode_wilayah = kode_kontes
      and tingkat = case length(kode_kontes) when 2 then 'provinsi' else 'kabkota' end
),
ditahan as (
    select jenis, kode_kontes, count(*) as tps_sementara
    from administrasi
    where tingkat = 'tps' and status = 'sementara'
    group by all
),
provinsi as (
    select kode_wilayah as kode_provinsi, any_value(nama_wilayah) as nama_provinsi
    from administrasi
    where tingkat = 'provinsi'
    group by all
)
select
    a.jenis,
    a.kode_kontes,
    a.tingkat,
    a.nama_wilayah,
    left(a.kode_kontes, 2) as kode_provinsi,
    coalesce(pr.nama_provinsi, '') as nama_provinsi,
    a.tps_total,
    a.tps_masuk,
    a.tps_lolos,
    persen_2d(a.tps_masuk, a.tps_total) as persen_masuk,
    a.suara_sah as unit_suara_sah,
    a.status as status_unit,
    coalesce(d.tps_sementara, 0) as tps_sementara,
    coalesce(p.status, 'sementara') as penetapan,
    p.nomor_urut,
    coalesce(p.nama_paslon, '') as nama_paslon,
    p.suara,
    p.persen,
    p.suara_sah,
    p.selisih_suara,
    p.selisih_persen,
    p.ambang_mk_persen,
    coalesce(p.dapat_diajukan_ke_mk, '') as dapat_diajukan_ke_mk,
from puncak as a
left join penetapan as p on p.jenis = a.jenis and p.kode_kontes = a.kode_kontes
left join ditahan as d on d.jenis = a.jenis and d.kode_kontes = a.kode_kontes
left join provinsi as pr on pr.kode_provinsi = left(a.kode_kontes, 2)
order by left(a.kode_kontes, 2), length(a.kode_kontes), a.kode_kontes, a.jenis
