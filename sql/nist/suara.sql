-- nist_suara: one row per VoteCounts of the NIST export: the votes of one ballot column of a contest
-- at one unit, for every level from the contest's top unit down to the TPS. Only counted numbers
-- go in: a TPS whose form passed every check, a unit above it with at least one such TPS (its sum
-- over them, as in hasil.csv). A held or missing TPS has no VoteCounts: its submitted figures stay
-- in data/hasil.csv and pengecualian.csv names it.
create or replace table nist_kerja.nist_suara as
with
counted as (
    -- a unit counts when at least one TPS under it passed every check
    select urutan_tingkat(h.tingkat) + 1 as urutan, h.jenis, h.kode_kontes, h.kode_wilayah, h.nomor_urut, h.suara
    from hasil as h
    semi join administrasi as a
        on a.tingkat = h.tingkat and a.jenis = h.jenis and a.kode_kontes = h.kode_kontes
        and a.kode_wilayah = h.kode_wilayah and a.tps_lolos > 0
    union all
    select 6, jenis, kode_kontes, kode_wilayah, nomor_urut, suara
    from hasil_tps
    where tps_lolos = 1
),
final as (
    select c.jenis, c.kode_kontes, c.nomor_urut, c.urutan, c.kode_wilayah, coalesce(c.suara, 0)::bigint as suara,
    from counted as c
    -- ballot columns of the contest only, at units of the export (both hold for counted figures)
    semi join paslon as p on p.jenis = c.jenis and p.kode_kontes = c.kode_kontes and p.nomor_urut = c.nomor_urut
    semi join nist_kerja.nist_unit as u on u.kode = c.kode_wilayah
)
-- unordered: nist_xml.sql and nist_json.sql put every row in document order
select * from final
