-- hasil_kabkota: one row per (contest, kabkota, ballot column): the sum of its kecamatans.
create or replace table hasil_kabkota as
with
children as (
    select * from hasil_kecamatan
),
final as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 4) as kode_wilayah,
        nomor_urut,
        sum(suara)::bigint as suara,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 4), nomor_urut
)
select * from final
order by jenis, kode_kontes, kode_wilayah, nomor_urut
