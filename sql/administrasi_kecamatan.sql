-- administrasi_kecamatan: one row per (contest, kecamatan): the sum of its desas, column by column.
-- It is final only when every desa under it is final.
create or replace table administrasi_kecamatan as
with
children as (
    select * from administrasi_desa
),
final as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 6) as kode_wilayah,
        sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, status)))::bigint,
        case when bool_and(status = 'final') then 'final' else 'sementara' end as status,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 6)
)
select * from final
order by jenis, kode_kontes, kode_wilayah
