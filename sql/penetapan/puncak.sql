-- puncak: one row per (contest, ballot number) at the contest's top unit (the province for a
-- governor contest, the kab/kota for a regent/mayor one): its votes, its suara sah and status.
create or replace table puncak as
with
top_units as (
    select a.tingkat, a.jenis, a.kode_kontes, a.kode_wilayah, a.suara_sah, a.status
    from administrasi as a
    semi join kontes as k
        on k.jenis = a.jenis and k.kode_kontes = a.kode_kontes and k.tingkat_puncak = a.tingkat
    where a.kode_wilayah = a.kode_kontes
),
top_votes as (
    select tingkat, jenis, kode_kontes, kode_wilayah, nomor_urut, suara from hasil
),
final as (
    select u.jenis, u.kode_kontes, u.tingkat, u.kode_wilayah, v.nomor_urut, v.suara, u.suara_sah, u.status,
    from top_units as u
    join top_votes as v
        on v.tingkat = u.tingkat and v.jenis = u.jenis and v.kode_kontes = u.kode_kontes
        and v.kode_wilayah = u.kode_wilayah
)
select * from final
order by jenis, kode_kontes, nomor_urut
