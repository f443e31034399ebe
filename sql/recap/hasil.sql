-- hasil: one row per (contest, level above TPS, unit, ballot column): the votes. This file makes
-- the table with its desa/kelurahan rows, the votes of the TPS that passed; each level above is
-- added by hasil_naik.sql.
create or replace table hasil as
with
children as (
    select h.*
    from hasil_tps as h
    -- a ballot number the contest does not have sits only on held TPS; it goes no higher
    semi join paslon as p
        on p.jenis = h.jenis and p.kode_kontes = h.kode_kontes and p.nomor_urut = h.nomor_urut
),
final as (
    select
        'desa' as tingkat,
        jenis,
        kode_kontes,
        left(kode_wilayah, 10) as kode_wilayah,
        nomor_urut,
        coalesce(sum(suara) filter (where tps_lolos = 1), 0)::bigint as suara,
    from children
    group by jenis, kode_kontes, left(kode_wilayah, 10), nomor_urut
)
select * from final
order by jenis, kode_kontes, kode_wilayah, nomor_urut
