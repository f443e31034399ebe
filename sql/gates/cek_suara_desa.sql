-- cek_suara_desa: one row per (contest, desa, ballot number; $tingkat is always desa): the votes of hasil (its desa rows) beside the
-- sum over its TPS that passed, recomputed here independently, for the agregat_suara_desa gate.
create or replace temp table cek_suara_desa as
with
children as (
    select
        h.jenis, h.kode_kontes, left(h.kode_wilayah, 10) as kode_wilayah, h.nomor_urut,
        coalesce(sum(h.suara) filter (where h.tps_lolos = 1), 0)::bigint as suara__anak,
    from hasil_tps as h
    semi join paslon as p
        on p.jenis = h.jenis and p.kode_kontes = h.kode_kontes and p.nomor_urut = h.nomor_urut
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
    from (select * exclude (tingkat) from hasil where tingkat = $tingkat) as p
    full join children as c
        on c.jenis = p.jenis and c.kode_kontes = p.kode_kontes and c.kode_wilayah = p.kode_wilayah
        and c.nomor_urut = p.nomor_urut
)
select * from final
