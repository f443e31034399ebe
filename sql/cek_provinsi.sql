-- cek_provinsi: one row per (contest, provinsi): each column of administrasi_provinsi beside the sum of its
-- kabkotas, recomputed here independently (column__anak), for the agregat_provinsi gate.
create or replace temp table cek_provinsi as
with
children as (
    select
        jenis,
        kode_kontes,
        left(kode_wilayah, 2) as kode_wilayah,
        sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, status)))::bigint as '\0__anak',
    from administrasi_kabkota
    -- only governor contests reach the province
    where jenis = 'pkwkp'
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
    from administrasi_provinsi as p
    full join children as c
        on c.jenis = p.jenis and c.kode_kontes = p.kode_kontes and c.kode_wilayah = p.kode_wilayah
)
select * from final
