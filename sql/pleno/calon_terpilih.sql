-- calon_terpilih: one row per contest: from the adopted result (Keputusan KPU penetapan hasil at the
-- top unit) through the MK window to the penetapan pasangan calon terpilih. The window is 3 working
-- days from the announcement, the announcement day counted when it is a working day (UU 10/2016
-- Pasal 157(5)); weekends and hari_libur are skipped. `tahap`: hasil_belum_ditetapkan,
-- masa_sengketa, sengketa_berjalan, tindak_lanjut_putusan (a granted ruling annulled the result),
-- calon_terpilih (the plenary may set the winner, by `batas_penetapan`: $hari_penetapan days after
-- the window closed or the ruling was read). `status_penetapan` is the determination's own status
-- (terpilih, seri — left to the plenary — or kolom_kosong_menang: no winner to set).
create or replace table calon_terpilih as
with
puncak as (
    select s.*
    from pleno_status as s
    join kontes as k on k.jenis = s.jenis and k.kode_kontes = s.kode_kontes and k.tingkat_puncak = s.tingkat
),
hari_kerja as (
    select p.jenis, p.kode_kontes, d.tanggal,
        row_number() over (partition by p.jenis, p.kode_kontes order by d.tanggal) as ke,
    from puncak as p
    cross join lateral (
        select cast(unnest(generate_series(cast(p.selesai_lokal as date), cast(p.selesai_lokal as date) + 40, interval 1 day)) as date) as tanggal
    ) as d
    where p.status = 'ditetapkan'
      and isodow(d.tanggal) <= 5
      and not exists (select 1 from hari_libur as l where l.tanggal = d.tanggal)
),
batas as (
    select jenis, kode_kontes, tanggal as batas_sengketa from hari_kerja where ke = 3
),
perkara as (  -- the latest dispute filed after the standing adoption
    select s.*
    from sengketa as s
    join puncak as p using (jenis, kode_kontes)
    where p.selesai_lokal is not null and s.diajukan_utc >= timezone('UTC', cast(p.selesai as timestamptz))
    qualify row_number() over (partition by s.jenis, s.kode_kontes order by s.diajukan_utc desc, s._rec desc) = 1
),
final as (
    select
        k.jenis,
        k.kode_kontes,
        case
            when p.status = 'dibuka_kembali' and p.dibuka_oleh like '%putusan MK%' then 'tindak_lanjut_putusan'
            when p.status is distinct from 'ditetapkan' then 'hasil_belum_ditetapkan'
            when m.nomor_perkara is not null and m.putusan is null then 'sengketa_berjalan'
            when m.nomor_perkara is null
                 and cast(cast($sekarang as timestamp) + to_hours(p.offset_jam) as date) <= b.batas_sengketa
                then 'masa_sengketa'
            else 'calon_terpilih'
        end as tahap,
        pt.status as status_penetapan,
        p.nomor_keputusan as nomor_keputusan_hasil,
        p.selesai as hasil_ditetapkan_pada,
        b.batas_sengketa,
        m.nomor_perkara,
        m.putusan,
        m.dibacakan_pada,
        case when p.status = 'ditetapkan' and (m.nomor_perkara is null or m.putusan in ('ditolak', 'tidak_dapat_diterima'))
            then coalesce(cast(timezone('UTC', cast(m.dibacakan_pada as timestamptz)) + to_hours(p.offset_jam) as date),
                          b.batas_sengketa) + cast($hari_penetapan as integer)
        end as batas_penetapan,
        case when pt.status = 'terpilih' then pt.nomor_urut end as nomor_urut,
        case when pt.status = 'terpilih' then pt.nama_paslon end as nama_paslon,
        case when pt.status = 'terpilih' then pt.suara end as suara,
        case when pt.status = 'terpilih' then pt.persen end as persen,
    from kontes as k
    left join puncak as p using (jenis, kode_kontes)
    left join batas as b using (jenis, kode_kontes)
    left join perkara as m using (jenis, kode_kontes)
    left join penetapan as pt using (jenis, kode_kontes)
)
-- a winner is named only where the plenary may set one
select
    * exclude (nomor_urut, nama_paslon, suara, persen),
    case when tahap = 'calon_terpilih' then nomor_urut end as nomor_urut,
    case when tahap = 'calon_terpilih' then nama_paslon end as nama_paslon,
    case when tahap = 'calon_terpilih' then suara end as suara,
    case when tahap = 'calon_terpilih' then persen end as persen,
from final
order by jenis, kode_kontes
