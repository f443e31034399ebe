-- cek_desa: one row per (contest, desa; $tingkat is always desa): each column of administrasi (its desa rows) beside the sum of its
-- TPS that passed, recomputed here independently (column__anak), for the agregat_desa gate.
create or replace temp table cek_desa as
with
children as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 10) as kode_wilayah,
        sum(tps_total)::bigint as tps_total__anak,
        sum(tps_masuk)::bigint as tps_masuk__anak,
        sum(tps_lolos)::bigint as tps_lolos__anak,
        coalesce(
            sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, tps_total, tps_masuk, tps_lolos, status)))
                filter (where tps_lolos = 1),
            0
        )::bigint as '\0__anak',
    from administrasi_tps
    group by all
),
final as (
    select
        row_number() over () - 1 as _baris,
        coalesce(p.jenis, c.jenis) as jenis,
        coalesce(p.kode_kontes, c.kode_kontes) as kode_kontes,
        coalesce(p.kode_wilayah, c.kode_wilayah) as kode_wilayah,
        coalesce(columns(p.* exclude (jenis, kode_kontes, kode_wilayah, status)), 0),
        coalesce(columns(c.* exclude (jenis, kode_kontes, kode_wilayah)), 0),
    from (select * exclude (tingkat) from administrasi where tingkat = $tingkat) as p
    full join children as c
        on c.jenis = p.jenis and c.kode_kontes = p.kode_kontes and c.kode_wilayah = p.kode_wilayah
)
select * from final
