-- rows of keberatan.csv that cannot be an objection: (_rec, kolom, masalah), the first in file
-- order: a plenary not in pleno.csv, a repeated number, a witness's objection without its pair or
-- for a pair not in the contest, a TPS outside the plenary's unit, a correction not in koreksi.csv.
with
k as (
    select
        k.*, p.jenis, p.kode_kontes, p.kode_wilayah, p.id is not null as ada_pleno,
        row_number() over (partition by k.pleno_id, k.nomor order by k._rec) as kemunculan,
    from stg_keberatan as k
    left join stg_pleno as p on p.id = k.pleno_id
),
problems as (
    select _rec, 1 as urutan, 'pleno_id' as kolom, 'pleno ' || pleno_id || ' tidak ada di pleno.csv' as masalah
    from k where not ada_pleno
    union all
    select _rec, 2, 'nomor', 'keberatan nomor ' || nomor || ' pleno ' || pleno_id || ' tercantum lebih dari sekali'
    from k where ada_pleno and kemunculan > 1
    union all
    select _rec, 3, 'nomor_urut', 'keberatan saksi harus menyebut nomor urut paslon yang diwakilinya'
    from k where ada_pleno and pengaju = 'saksi' and nomor_urut is null
    union all
    select _rec, 4, 'nomor_urut', 'paslon nomor urut ' || nomor_urut || ' tidak ada di kontes ' || jenis || ' '
        || kode_kontes || ' (paslon.csv)'
    from k
    where ada_pleno and nomor_urut is not null
      and not exists (
          select 1 from paslon as c
          where c.jenis = k.jenis and c.kode_kontes = k.kode_kontes
            and c.nomor_urut = cast(k.nomor_urut as integer) and not c.kolom_kosong
      )
    union all
    select _rec, 5, 'kode_tps', 'TPS ' || kode_tps || ' bukan bagian dari unit ' || kode_wilayah || ' rapat pleno ini'
    from k where ada_pleno and kode_tps is not null and not starts_with(kode_tps, kode_wilayah)
    union all
    select _rec, 6, 'koreksi_id', 'koreksi ' || koreksi_id || ' tidak ada di koreksi.csv'
    from k where koreksi_id is not null and not exists (select 1 from stg_koreksi as c where c.id = k.koreksi_id)
)
select _rec, kolom, masalah
from problems
order by _rec, urutan
limit 1
