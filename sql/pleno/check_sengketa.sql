-- rows of sengketa.csv that cannot be a dispute: (_rec, kolom, masalah), the first in file order:
-- an impossible time, a contest not in paslon.csv, a ruling without its reading time (or the
-- reverse), a ruling read before the petition was filed.
with
s as (
    select
        *,
        try_cast(diajukan_pada as timestamptz) as t_diajukan,
        try_cast(dibacakan_pada as timestamptz) as t_dibacakan,
    from stg_sengketa
),
problems as (
    select _rec, 1 as urutan, 'diajukan_pada' as kolom, 'waktu ' || diajukan_pada || ' tidak ada di kalender' as masalah
    from s where t_diajukan is null
    union all
    select _rec, 2, 'dibacakan_pada', 'waktu ' || dibacakan_pada || ' tidak ada di kalender'
    from s where dibacakan_pada is not null and t_dibacakan is null
    union all
    select _rec, 3, 'kode_kontes', 'kontes ' || jenis || ' ' || kode_kontes || ' tidak ada di paslon.csv'
    from s where not exists (select 1 from kontes as k where k.jenis = s.jenis and k.kode_kontes = s.kode_kontes)
    union all
    select _rec, 4, 'dibacakan_pada', 'putusan ' || putusan || ' tanpa waktu pembacaannya'
    from s where putusan is not null and dibacakan_pada is null
    union all
    select _rec, 5, 'putusan', 'waktu pembacaan tanpa amar putusan'
    from s where putusan is null and dibacakan_pada is not null
    union all
    select _rec, 6, 'dibacakan_pada', 'putusan dibacakan (' || dibacakan_pada || ') sebelum permohonan diajukan ('
        || diajukan_pada || ')'
    from s where t_dibacakan < t_diajukan
)
select _rec, kolom, masalah
from problems
order by _rec, urutan
limit 1
