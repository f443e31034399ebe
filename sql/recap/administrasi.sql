-- administrasi: one row per (contest, level above TPS, unit): TPS counts, the form counts summed
-- and whether the unit is final. This file makes the table with its desa/kelurahan rows, summed
-- over the TPS that passed (a held TPS is named in pengecualian, not added in); each level above
-- is added by administrasi_naik.sql.
create or replace table administrasi as
with
children as (
    select * from administrasi_tps
),
final as (
    select
        'desa' as tingkat,
        jenis,
        kode_kontes,
        left(kode_wilayah, 10) as kode_wilayah,
        sum(tps_total)::bigint as tps_total,
        sum(tps_masuk)::bigint as tps_masuk,
        sum(tps_lolos)::bigint as tps_lolos,
        coalesce(
            sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, tps_total, tps_masuk, tps_lolos, status)))
                filter (where tps_lolos = 1),
            0
        )::bigint,
        case when bool_and(status = 'final') then 'final' else 'sementara' end as status,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 10)
)
select * from final
order by jenis, kode_kontes, kode_wilayah
