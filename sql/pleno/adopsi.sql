-- adopsi: one row per adoption in pleno.csv with what happened to it since: the adoption before it
-- of the same unit (`sebelumnya`), whether it is the unit's latest (`terakhir`), and the
-- post-plenary corrections (koreksi.csv rows with a `dasar`, touching a TPS under the unit, not in
-- the adopted release) or MK rulings granted after it that reopen it (`dibuka_oleh`).
create or replace table adopsi as
with
p as (
    select
        *,
        lag(id) over w as sebelumnya,
        lag(rilis) over w as rilis_sebelumnya,
        row_number() over (partition by jenis, kode_kontes, tingkat, kode_wilayah order by selesai_utc desc, _rec desc) = 1
            as terakhir,
    from pleno
    window w as (partition by jenis, kode_kontes, tingkat, kode_wilayah order by selesai_utc, _rec)
),
koreksi_pembuka as (
    select p.id as pleno_id, k.id as koreksi_id, k.dasar
    from p
    join koreksi as k
      on k.jenis = p.jenis and k.kode_kontes = p.kode_kontes and starts_with(k.kode_tps, p.kode_wilayah)
    where k.dasar is not null
      and not exists (select 1 from rilis_koreksi as r where r.rilis = p.rilis and r.id = k.id)
),
putusan_pembuka as (
    select p.id as pleno_id, s.nomor_perkara, s.putusan
    from p
    join sengketa as s on s.jenis = p.jenis and s.kode_kontes = p.kode_kontes
    where s.putusan like 'dikabulkan%' and s.dibacakan_utc > p.selesai_utc
),
pembuka as (
    select pleno_id, 'koreksi ' || koreksi_id || ' (' || dasar || ')' as alasan from koreksi_pembuka
    union all
    select pleno_id, 'putusan MK ' || nomor_perkara || ' (' || putusan || ')' from putusan_pembuka
)
select
    p.*,
    (select string_agg(alasan, '; ' order by alasan) from pembuka as b where b.pleno_id = p.id) as dibuka_oleh,
from p
order by _rec
