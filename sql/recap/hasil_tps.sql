-- hasil_tps: one row per (contest, TPS, ballot column): the votes as submitted. Every column of the
-- contest appears for every TPS (null where no count came in); a count for a ballot number the
-- contest does not have is kept too, so the gates can name it.
create or replace table hasil_tps as
with
units as (
    select jenis, kode_kontes, kode_wilayah, tps_masuk, tps_lolos from administrasi_tps
),
grid as (
    select u.jenis, u.kode_kontes, u.kode_wilayah, p.nomor_urut, u.tps_lolos
    from units as u
    join paslon as p on p.jenis = u.jenis and p.kode_kontes = u.kode_kontes
),
unknown_columns as (
    select v.jenis, v.kode_kontes, v.kode_tps as kode_wilayah, v.nomor_urut, 0 as tps_lolos
    from suara_form as v
    anti join paslon as p
        on p.jenis = v.jenis and p.kode_kontes = v.kode_kontes and p.nomor_urut = v.nomor_urut
),
final as (
    select
        g.jenis,
        g.kode_kontes,
        g.kode_wilayah,
        g.nomor_urut,
        v.suara,
        g.tps_lolos,
    from (select * from grid union all select * from unknown_columns) as g
    -- suara_form itself, not a CTE over it: read twice, a CTE would be materialized first
    left join suara_form as v
        on v.jenis = g.jenis and v.kode_kontes = g.kode_kontes
        and v.kode_tps = g.kode_wilayah and v.nomor_urut = g.nomor_urut
)
select * from final
order by jenis, kode_kontes, kode_wilayah, nomor_urut
