-- reports/paslon: one row per ballot column of every contest, with its votes and share of suara sah
-- at the contest's top unit (table puncak: province for a governor contest, kab/kota otherwise).
with
top_units as (
    select distinct jenis, kode_kontes, suara_sah from puncak
),
final as (
    select
        p.jenis,
        p.kode_kontes,
        p.nomor_urut,
        p.nama,
        p.kolom_kosong,
        coalesce(v.suara, 0) as suara,
        persen_2d(coalesce(v.suara, 0), u.suara_sah) as persen,
    from paslon as p
    left join puncak as v
        on v.jenis = p.jenis and v.kode_kontes = p.kode_kontes and v.nomor_urut = p.nomor_urut
    left join top_units as u on u.jenis = p.jenis and u.kode_kontes = p.kode_kontes
)
select * from final
order by jenis, kode_kontes, nomor_urut
