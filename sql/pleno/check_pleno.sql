-- rows of pleno.csv that cannot be an adoption: (_rec, kolom, masalah), the first in file order.
-- Runs after every cell has its format (check_cells.sql) and the contests and TPS are typed: an
-- impossible time, a repeated id, a unit that is not one of its contest, a decree number where none
-- belongs (or none where one must be), a plenary before voting day or before its children's.
with
p as (
    select
        s.*,
        try_cast(s.mulai as timestamptz) as t_mulai,
        try_cast(s.selesai as timestamptz) as t_selesai,
        case s.jenis when 'pkwkp' then 'provinsi' else 'kabkota' end as puncak,
        t.panjang,
        t.anak,
        row_number() over (partition by s.id order by s._rec) as kemunculan,
    from stg_pleno as s
    join tingkat as t on t.tingkat = s.tingkat
),
hari_pemungutan as (
    select min(mulai) as tanggal from jadwal where tahapan = 'pemungutan'
),
-- the child units each plenary above kecamatan needs adopted first: those that have TPS in tps.csv
anak as (
    select distinct p._rec, p.jenis, p.kode_kontes, p.anak, left(t.kode_tps, ta.panjang) as kode_anak, p.t_mulai
    from p
    join tingkat as ta on ta.tingkat = p.anak
    join tps as t on starts_with(t.kode_tps, p.kode_wilayah)
    where p.tingkat <> 'kecamatan'
),
anak_belum as (
    select
        a._rec,
        count(*) as n,
        string_agg(a.kode_anak, ', ' order by a.kode_anak) filter (where a.urut <= 5) as contoh,
    from (select *, row_number() over (partition by _rec order by kode_anak) as urut from anak) as a
    where not exists (
        select 1 from stg_pleno as c
        where c.jenis = a.jenis and c.kode_kontes = a.kode_kontes and c.tingkat = a.anak
          and c.kode_wilayah = a.kode_anak and try_cast(c.selesai as timestamptz) <= a.t_mulai
    )
    group by a._rec
),
problems as (
    select _rec, 1 as urutan, 'id' as kolom, 'id pleno ' || id || ' tercantum lebih dari sekali' as masalah
    from p where kemunculan > 1
    union all
    select _rec, 2, 'mulai', 'waktu ' || mulai || ' tidak ada di kalender' from p where t_mulai is null
    union all
    select _rec, 3, 'selesai', 'waktu ' || selesai || ' tidak ada di kalender' from p where t_selesai is null
    union all
    select _rec, 4, 'kode_kontes', 'kontes ' || jenis || ' ' || kode_kontes || ' tidak ada di paslon.csv'
    from p where not exists (select 1 from kontes as k where k.jenis = p.jenis and k.kode_kontes = p.kode_kontes)
    union all
    select _rec, 5, 'tingkat', 'kontes pkwkk berakhir di tingkat kabkota: tidak ada rapat pleno tingkat provinsi'
    from p where jenis = 'pkwkk' and tingkat = 'provinsi'
    union all
    select _rec, 6, 'kode_wilayah', 'kode ' || tingkat || ' harus ' || panjang || ' digit, bukan ' || length(kode_wilayah)
    from p where length(kode_wilayah) <> panjang
    union all
    select _rec, 7, 'kode_wilayah', 'unit ' || kode_wilayah || ' bukan bagian dari wilayah kontes ' || kode_kontes
    from p where length(kode_wilayah) = panjang and not starts_with(kode_wilayah, kode_kontes)
    union all
    select _rec, 8, 'kode_wilayah', 'unit tidak dikenal: tidak ada TPS berkode awal ' || kode_wilayah || ' di tps.csv'
    from p
    where length(kode_wilayah) = panjang and starts_with(kode_wilayah, kode_kontes)
      and not exists (select 1 from tps as t where starts_with(t.kode_tps, p.kode_wilayah))
    union all
    select _rec, 9, 'selesai', 'selesai (' || selesai || ') sebelum mulai (' || mulai || ')'
    from p where t_selesai < t_mulai
    union all
    select _rec, 10, 'mulai', 'rapat pleno tidak dapat dimulai sebelum hari pemungutan suara ('
        || strftime(h.tanggal, '%Y-%m-%d') || ')'
    from p, hari_pemungutan as h
    where cast(timezone('UTC', t_mulai) + to_hours(
              (select offset_jam from zona_wilayah as z where z.kode_provinsi = left(p.kode_wilayah, 2))) as date)
          < h.tanggal
    union all
    select _rec, 11, 'nomor_keputusan', 'wajib di tingkat ' || puncak
        || ': nomor Keputusan KPU penetapan hasil (contoh: 411/2024)'
    from p where tingkat = puncak and nomor_keputusan is null
    union all
    select _rec, 12, 'nomor_keputusan', 'hanya untuk tingkat ' || puncak
        || ' (Keputusan KPU penetapan hasil); rapat pleno tingkat ' || tingkat || ' mencatat berita acara saja'
    from p where tingkat <> puncak and nomor_keputusan is not null
    union all
    select _rec, 13, 'tingkat', 'rapat pleno ' || p.tingkat || ' ' || p.kode_wilayah || ' dimulai sebelum '
        || b.n || ' unit ' || p.anak || ' di bawahnya ditetapkan dalam pleno: ' || b.contoh
        || case when b.n > 5 then ' dan ' || (b.n - 5) || ' lainnya' else '' end
    from p join anak_belum as b using (_rec)
)
select _rec, kolom, masalah
from problems
order by _rec, urutan
limit 1
