-- tps_kontes: one row per expected form: every TPS of the master list in every contest it votes in
-- (the governor contest of its province, the regent/mayor contest of its kab/kota, where they exist).
create or replace table tps_kontes as
with
governor as (
    select k.jenis, k.kode_kontes, t.kode_tps
    from tps as t
    join kontes as k on k.jenis = 'pkwkp' and k.kode_kontes = left(t.kode_tps, 2)
),
regent_or_mayor as (
    select k.jenis, k.kode_kontes, t.kode_tps
    from tps as t
    join kontes as k on k.jenis = 'pkwkk' and k.kode_kontes = left(t.kode_tps, 4)
),
final as (
    select * from governor
    union all
    select * from regent_or_mayor
)
select * from final
order by jenis, kode_kontes, kode_tps
