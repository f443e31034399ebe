-- cek_suara_kabkota: one row per (contest, kabkota, ballot number): the votes of hasil_kabkota beside the sum
-- of its kecamatans, recomputed here independently, for the agregat_suara_kabkota gate.
create or replace temp table cek_suara_kabkota as
with
children as (
    select jenis, kode_kontes, left(kode_wilayah, 4) as kode_wilayah, nomor_urut, sum(suara)::bigint as suara__anak,
    from hasil_kecamatan
    group by all
),
final as (
    select
        row_number() over () - 1 as _baris,
        coalesce(p.jenis, c.jenis) as jenis,
        coalesce(p.kode_kontes, c.kode_kontes) as kode_kontes,
        coalesce(p.kode_wilayah, c.kode_wilayah) as kode_wilayah,
        coalesce(p.nomor_urut, c.nomor_urut) as nomor_urut,
        coalesce(p.suara, 0) as suara,
        coalesce(c.suara__anak, 0) as suara__anak,
    from hasil_kabkota as p
    full join children as c
        on c.jenis = p.jenis and c.kode_kontes = p.kode_kontes and c.kode_wilayah = p.kode_wilayah
        and c.nomor_urut = p.nomor_urut
)
select * from final
