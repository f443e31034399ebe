-- administrasi_provinsi: one row per (contest, provinsi): the sum of its kabkotas, column by column.
-- It is final only when every kabkota under it is final.
create or replace table administrasi_provinsi as
with
children as (
    select * from administrasi_kabkota
    -- a regent/mayor contest ends at its kab/kota; only governor contests reach the province
    where jenis = 'pkwkp'
),
final as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 2) as kode_wilayah,
        sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, status)))::bigint,
        case when bool_and(status = 'final') then 'final' else 'sementara' end as status,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 2)
)
select * from final
order by jenis, kode_kontes, kode_wilayah
