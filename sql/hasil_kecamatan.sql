-- hasil_kecamatan: one row per (contest, kecamatan, ballot column): the sum of its desas.
create or replace table hasil_kecamatan as
with
children as (
    select * from hasil_desa
),
final as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 6) as kode_wilayah,
        nomor_urut,
        sum(suara)::bigint as suara,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 6), nomor_urut
)
select * from final
order by jenis, kode_kontes, kode_wilayah, nomor_urut
