-- puncak: one row per (contest, ballot number) at the contest's top unit (the province for a
-- governor contest, the kab/kota for a regent/mayor one): its votes, its suara sah and status.
create or replace table puncak as
with
top_units as (
    select 'provinsi' as tingkat, jenis, kode_kontes, kode_wilayah, suara_sah, status
    from administrasi_provinsi
    where jenis = 'pkwkp' and kode_wilayah = kode_kontes
    union all
    select 'kabkota', jenis, kode_kontes, kode_wilayah, suara_sah, status
    from administrasi_kabkota
    where jenis = 'pkwkk' and kode_wilayah = kode_kontes
),
top_votes as (
    select jenis, kode_kontes, kode_wilayah, nomor_urut, suara from hasil_provinsi where jenis = 'pkwkp'
    union all
    select jenis, kode_kontes, kode_wilayah, nomor_urut, suara from hasil_kabkota where jenis = 'pkwkk'
),
final as (
    select u.jenis, u.kode_kontes, u.tingkat, u.kode_wilayah, v.nomor_urut, v.suara, u.suara_sah, u.status,
    from top_units as u
    join top_votes as v
        on v.jenis = u.jenis and v.kode_kontes = u.kode_kontes and v.kode_wilayah = u.kode_wilayah
)
select * from final
order by jenis, kode_kontes, nomor_urut
