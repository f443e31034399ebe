-- kontes: one row per contest named in paslon.csv, with the level its recap ends at.
create or replace table kontes as
with
columns_of_contest as (
    select
        jenis,
        kode_kontes,
        count(*) as n_kolom,
        bool_or(kolom_kosong) as ada_kolom_kosong,
    from paslon
    group by jenis, kode_kontes
),
final as (
    select
        c.jenis,
        c.kode_kontes,
        coalesce(w.nama, '') as nama_wilayah,
        case c.jenis when 'pkwkp' then 'provinsi' else 'kabkota' end as tingkat_puncak,
        c.n_kolom,
        c.ada_kolom_kosong,
    from columns_of_contest as c
    left join wilayah as w on w.kode = c.kode_kontes
)
select * from final
order by jenis, kode_kontes
