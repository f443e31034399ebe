-- reconcile/ringkasan: one row per (contest, level) reconciled: how many units agree (sama),
-- disagree (beda) or cannot be compared (tidak_sebanding), top-down.
create or replace temp table ringkasan as
with
units as (
    select distinct jenis, kode_kontes, tingkat, kode_wilayah, status_unit from rekonsiliasi
),
final as (
    select
        jenis,
        kode_kontes,
        tingkat,
        count(*) as unit,
        count(*) filter (where status_unit = 'sama') as sama,
        count(*) filter (where status_unit = 'beda') as beda,
        count(*) filter (where status_unit = 'tidak_sebanding') as tidak_sebanding,
    from units
    group by jenis, kode_kontes, tingkat
)
select * from final
order by jenis, kode_kontes, urutan_tingkat(tingkat)
