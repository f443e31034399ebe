-- floor hasil: one row per (contest, level, unit, ballot column) from desa up: the votes of the
-- TPS that passed (0 where none did). Every column of the contest appears for every unit.
create or replace temp table hasil as
with
passed_votes as (
    select v.jenis, v.kode_kontes, left(v.kode_tps, 10) as kode_wilayah, v.nomor_urut, sum(v.suara) as suara
    from suara as v
    semi join cek_tps as c on c.lolos and c.jenis = v.jenis and c.kode_tps = v.kode_tps
    group by all
),
grid as (
    select u.jenis, u.kode_kontes, u.kode_wilayah, p.nomor_urut
    from (select jenis, kode_kontes, kode_wilayah from administrasi where tingkat = 'desa') as u
    join paslon as p on p.jenis = u.jenis and p.kode_kontes = u.kode_kontes
),
desa as (
    select g.*, coalesce(v.suara, 0)::bigint as suara
    from grid as g
    left join passed_votes as v on v.jenis = g.jenis and v.kode_kontes = g.kode_kontes
        and v.kode_wilayah = g.kode_wilayah and v.nomor_urut = g.nomor_urut
),
kecamatan as (
    select jenis, kode_kontes, left(kode_wilayah, 6) as kode_wilayah, nomor_urut, sum(suara)::bigint as suara
    from desa group by all
),
kabkota as (
    select jenis, kode_kontes, left(kode_wilayah, 4) as kode_wilayah, nomor_urut, sum(suara)::bigint as suara
    from kecamatan group by all
),
provinsi as (
    select jenis, kode_kontes, left(kode_wilayah, 2) as kode_wilayah, nomor_urut, sum(suara)::bigint as suara
    from kabkota where jenis = 'pkwkp' group by all
)
select 'desa' as tingkat, * from desa
union all select 'kecamatan', * from kecamatan
union all select 'kabkota', * from kabkota
union all select 'provinsi', * from provinsi
