-- pleno_status: one row per (contest, plenary level up to the contest's top, unit): where its
-- plenary stands. `status`: belum_lengkap (a TPS missing or held, or a child unit not adopted),
-- siap_pleno, ditetapkan (its latest adoption stands), dibuka_kembali (a post-plenary correction or
-- an MK ruling reopened it). `ketepatan` against the jadwal, in the unit's own zone, with
-- $sekarang (UTC) as "now": tepat_waktu / terlambat (adopted after the last day), lewat_jadwal
-- (not adopted, the last day passed), belum_jatuh_tempo.
create or replace table pleno_status as
with
units as (
    select a.jenis, a.kode_kontes, a.tingkat, a.kode_wilayah, a.status as status_rekap, t.urutan, t.anak
    from administrasi as a
    join tingkat as t on t.tingkat = a.tingkat
    join kontes as k using (jenis, kode_kontes)
    join tingkat as tp on tp.tingkat = k.tingkat_puncak
    where a.tingkat in ('kecamatan', 'kabkota', 'provinsi') and t.urutan >= tp.urutan
),
terakhir as (
    select * from adopsi where terakhir
),
-- bottom-up is not needed: a child's adoption is read from `terakhir` directly
anak_belum as (
    select u.jenis, u.kode_kontes, u.tingkat, u.kode_wilayah, count(*) as n
    from units as u
    join administrasi as c
      on c.jenis = u.jenis and c.kode_kontes = u.kode_kontes and c.tingkat = u.anak
     and starts_with(c.kode_wilayah, u.kode_wilayah)
    left join terakhir as t
      on t.jenis = c.jenis and t.kode_kontes = c.kode_kontes and t.tingkat = c.tingkat
     and t.kode_wilayah = c.kode_wilayah
    where u.tingkat <> 'kecamatan' and (t.id is null or t.dibuka_oleh is not null)
    group by all
),
joined as (
    select
        u.*,
        t.id as pleno_id,
        t.dibuka_oleh,
        coalesce(b.n, 0) as anak_belum_ditetapkan,
        t.mulai, t.selesai, t.selesai_lokal, t.tempat, t.nomor_berita_acara, t.nomor_keputusan, t.rilis,
        z.zona,
        z.offset_jam,
        j.selesai as batas,
    from units as u
    left join terakhir as t using (jenis, kode_kontes, tingkat, kode_wilayah)
    left join anak_belum as b using (jenis, kode_kontes, tingkat, kode_wilayah)
    join zona_wilayah as z on z.kode_provinsi = left(u.kode_wilayah, 2)
    left join jadwal as j on j.tahapan = u.tingkat
),
final as (
    select
        jenis,
        kode_kontes,
        tingkat,
        kode_wilayah,
        case
            when pleno_id is not null and dibuka_oleh is not null then 'dibuka_kembali'
            when pleno_id is not null then 'ditetapkan'
            when status_rekap = 'final' and anak_belum_ditetapkan = 0 then 'siap_pleno'
            else 'belum_lengkap'
        end as status,
        case
            when pleno_id is not null and dibuka_oleh is null then
                case when batas is null or cast(selesai_lokal as date) <= batas then 'tepat_waktu' else 'terlambat' end
            when batas is not null and cast(cast($sekarang as timestamp) + to_hours(offset_jam) as date) > batas
                then 'lewat_jadwal'
            else 'belum_jatuh_tempo'
        end as ketepatan,
        batas,
        zona,
        pleno_id,
        mulai,
        selesai,
        tempat,
        nomor_berita_acara,
        nomor_keputusan,
        rilis,
        dibuka_oleh,
        selesai_lokal,
        offset_jam,
        (select count(*) from pleno_hadir as h
         where h.pleno_id = joined.pleno_id and h.peran = 'saksi' and h.tanda_tangan = 'menolak') as saksi_menolak,
        (select count(*) from keberatan as k where k.pleno_id = joined.pleno_id) as keberatan,
        urutan,
    from joined
)
select * exclude (urutan)
from final
order by jenis, kode_kontes, urutan, kode_wilayah
