-- rows of pleno_hadir.csv that cannot be an attendance: (_rec, kolom, masalah), the first in file
-- order: a plenary not in pleno.csv, a witness without a pair or for a pair not in the contest
-- (or for the empty column, which has no witness), a pair number on a member or supervisor.
with
h as (
    select h.*, p.jenis, p.kode_kontes, p.id is not null as ada_pleno
    from stg_pleno_hadir as h
    left join stg_pleno as p on p.id = h.pleno_id
),
problems as (
    select _rec, 1 as urutan, 'pleno_id' as kolom, 'pleno ' || pleno_id || ' tidak ada di pleno.csv' as masalah
    from h where not ada_pleno
    union all
    select _rec, 2, 'nomor_urut', 'saksi harus menyebut nomor urut paslon yang diwakilinya'
    from h where ada_pleno and peran = 'saksi' and nomor_urut is null
    union all
    select _rec, 3, 'nomor_urut', 'hanya saksi yang mewakili paslon; ' || peran || ' tanpa nomor urut'
    from h where ada_pleno and peran <> 'saksi' and nomor_urut is not null
    union all
    select _rec, 4, 'nomor_urut', 'paslon nomor urut ' || nomor_urut || ' tidak ada di kontes ' || jenis || ' '
        || kode_kontes || ' (paslon.csv)'
    from h
    where ada_pleno and peran = 'saksi' and nomor_urut is not null
      and not exists (
          select 1 from paslon as c
          where c.jenis = h.jenis and c.kode_kontes = h.kode_kontes
            and c.nomor_urut = cast(h.nomor_urut as integer) and not c.kolom_kosong
      )
)
select _rec, kolom, masalah
from problems
order by _rec, urutan
limit 1
