-- what the plenary process does not allow, once the recap is built: (berkas, _rec, kolom, masalah),
-- the first by file then line. An adoption of a unit that is not complete (a TPS missing or held),
-- a second adoption of a unit nothing reopened, a correction after a unit's plenary without its
-- legal basis, an adopted unit whose figures changed since the adopted release without one.
with
berlaku as (  -- the adoption each unit stands on now: its latest, and nothing reopened it
    select * from adopsi where terakhir and dibuka_oleh is null
),
belum_lengkap as (
    select b._rec, a.tps_total - a.tps_lolos as n
    from berlaku as b
    join administrasi as a using (jenis, kode_kontes, tingkat, kode_wilayah)
    where a.status <> 'final'
),
ganda as (
    select a._rec, a.sebelumnya
    from adopsi as a
    join adopsi as s on s.id = a.sebelumnya
    where s.dibuka_oleh is null
      or not exists (  -- what reopened the earlier one must be part of what this one adopted
          select 1 from koreksi as k
          where k.dasar is not null and k.jenis = a.jenis and k.kode_kontes = a.kode_kontes
            and starts_with(k.kode_tps, a.kode_wilayah)
            and not exists (select 1 from rilis_koreksi as r where r.rilis = s.rilis and r.id = k.id)
            and exists (select 1 from rilis_koreksi as r where r.rilis = a.rilis and r.id = k.id)
      ) and not exists (
          select 1 from sengketa as m
          where m.jenis = a.jenis and m.kode_kontes = a.kode_kontes and m.putusan like 'dikabulkan%'
            and m.dibacakan_utc > s.selesai_utc and m.dibacakan_utc <= a.mulai_utc
      )
),
koreksi_tanpa_dasar as (
    select k._rec, k.id, min_by(a.id, a._rec) as pleno_id, min_by(a.tingkat || ' ' || a.kode_wilayah, a._rec) as unit
    from koreksi as k
    join adopsi as a
      on a.jenis = k.jenis and a.kode_kontes = k.kode_kontes and starts_with(k.kode_tps, a.kode_wilayah)
    where k.dasar is null
      and not exists (select 1 from rilis_koreksi as r where r.rilis = a.rilis and r.id = k.id)
    group by k._rec, k.id
),
berubah as (
    select
        b._rec,
        string_agg('suara paslon ' || r.nomor_urut || ': ' || r.suara || ' → ' || coalesce(h.suara::varchar, '-'),
                   ', ' order by r.nomor_urut) as beda,
    from berlaku as b
    join rilis_hasil as r
      on r.rilis = b.rilis and r.jenis = b.jenis and r.kode_kontes = b.kode_kontes
     and r.tingkat = b.tingkat and r.kode_wilayah = b.kode_wilayah
    left join hasil as h
      on h.jenis = r.jenis and h.kode_kontes = r.kode_kontes and h.tingkat = r.tingkat
     and h.kode_wilayah = r.kode_wilayah and h.nomor_urut = r.nomor_urut
    where r.suara is distinct from h.suara
    group by b._rec
),
problems as (
    select 'koreksi.csv' as berkas, _rec, 1 as urutan, 'dasar' as kolom,
        'koreksi ' || id || ' menyentuh ' || unit || ' yang sudah ditetapkan dalam rapat pleno ' || pleno_id
        || '; koreksi setelah pleno harus mencantumkan dasar hukumnya (rekomendasi Bawaslu, putusan MK) di kolom dasar'
        as masalah
    from koreksi_tanpa_dasar
    union all
    select 'pleno.csv', b._rec, 2, 'kode_wilayah',
        'unit ' || a.tingkat || ' ' || a.kode_wilayah || ' belum lengkap: ' || b.n
        || ' TPS belum masuk atau ditahan gerbang mutu; rapat pleno hanya menetapkan unit yang seluruh TPS-nya lolos'
    from belum_lengkap as b join adopsi as a using (_rec)
    union all
    select 'pleno.csv', g._rec, 3, 'id',
        'unit ' || a.tingkat || ' ' || a.kode_wilayah || ' sudah ditetapkan dalam rapat pleno ' || g.sebelumnya
        || '; penetapan ulang hanya setelah unit dibuka kembali (koreksi berdasar hukum atau putusan MK) dan rilis '
        || 'yang ditetapkan memuatnya'
    from ganda as g join adopsi as a using (_rec)
    union all
    select 'pleno.csv', c._rec, 4, 'rilis',
        'angka unit ' || a.tingkat || ' ' || a.kode_wilayah || ' berubah sejak rilis ' || a.rilis
        || ' yang ditetapkan (' || c.beda || ') tanpa koreksi berdasar hukum'
    from berubah as c join adopsi as a using (_rec)
)
select berkas, _rec, kolom, masalah
from problems
order by berkas, _rec, urutan
limit 1
