-- jadwal: one row per stage of the timetable (pemungutan, kecamatan, kabkota, provinsi): its first
-- and last day. The package's jadwal.csv when it has rows, else the shipped 2024 timetable.
create or replace table jadwal as
with
package as (
    select tahapan, cast(mulai as date) as mulai, cast(selesai as date) as selesai from stg_jadwal
),
shipped as (
    select tahapan, mulai, selesai
    from read_csv($reference_path, header = true, columns = {'tahapan': 'VARCHAR', 'mulai': 'DATE', 'selesai': 'DATE'})
)
select * from package
union all
select * from shipped where not exists (select 1 from package)
order by mulai, tahapan
