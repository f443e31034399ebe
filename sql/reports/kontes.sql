-- reports/kontes: one row per contest for the reports: its region and the regions above it (the
-- KPU bodies in the headers), its decision, and the TPS progress of its top unit.
with
top_units as (
    select a.jenis, a.kode_kontes, a.tps_total, a.tps_masuk, a.tps_lolos, a.status
    from administrasi as a
    semi join kontes as k
        on k.jenis = a.jenis and k.kode_kontes = a.kode_kontes and k.tingkat_puncak = a.tingkat
    where a.kode_wilayah = a.kode_kontes
),
final as (
    select
        k.jenis,
        k.kode_kontes,
        k.tingkat_puncak,
        coalesce(w.nama, '') as nama_wilayah,
        left(k.kode_kontes, 2) as kode_provinsi,
        coalesce(wp.nama, '') as nama_provinsi,
        coalesce(u.tps_total, 0) as tps_total,
        coalesce(u.tps_masuk, 0) as tps_masuk,
        coalesce(u.tps_lolos, 0) as tps_lolos,
        coalesce(u.status, 'sementara') as status_unit,
        coalesce(p.status, 'sementara') as status,
        p.nomor_urut,
        p.nama_paslon,
        p.suara,
        p.persen,
        coalesce(p.suara_sah, 0) as suara_sah,
        p.selisih_suara,
        p.selisih_persen,
        p.ambang_mk_persen,
        p.dapat_diajukan_ke_mk,
    from kontes as k
    left join wilayah as w on w.kode = k.kode_kontes
    left join wilayah as wp on wp.kode = left(k.kode_kontes, 2)
    left join top_units as u on u.jenis = k.jenis and u.kode_kontes = k.kode_kontes
    left join penetapan as p on p.jenis = k.jenis and p.kode_kontes = k.kode_kontes
)
select * from final
order by jenis, kode_kontes
