-- sekarang: one row: the run's "now" (UTC) for deadlines, taken from the inputs so the same inputs
-- give the same release: the latest plenary end, dispute filing or ruling, or form receipt; voting
-- day when there is none of these. A run may set it explicitly instead (--sekarang).
select coalesce(greatest(
    (select max(selesai_utc) from pleno),
    (select max(greatest(diajukan_utc, coalesce(dibacakan_utc, diajukan_utc))) from sengketa),
    (select max(timezone('UTC', diterima_pada)) from c_hasil)
), (select cast(min(mulai) as timestamp) from jadwal where tahapan = 'pemungutan')) as sekarang
