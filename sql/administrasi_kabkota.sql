-- administrasi_kabkota: one row per (contest, kabkota): the sum of its kecamatans, column by column.
-- It is final only when every kecamatan under it is final.
create or replace table administrasi_kabkota as
with
children as (
    select * from administrasi_kecamatan
),
final as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 4) as kode_wilayah,
        sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, status)))::bigint,
        case when bool_and(status = 'final') then 'final' else 'sementara' end as status,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 4)
)
select * from final
order by jenis, kode_kontes, kode_wilayah
