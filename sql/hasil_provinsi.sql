-- hasil_provinsi: one row per (contest, provinsi, ballot column): the sum of its kabkotas.
create or replace table hasil_provinsi as
with
children as (
    select * from hasil_kabkota
    -- a regent/mayor contest ends at its kab/kota; only governor contests reach the province
    where jenis = 'pkwkp'
),
final as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 2) as kode_wilayah,
        nomor_urut,
        sum(suara)::bigint as suara,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 2), nomor_urut
)
select * from final
order by jenis, kode_kontes, kode_wilayah, nomor_urut
