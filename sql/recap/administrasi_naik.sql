-- administrasi_naik: the rows of level $tingkat (kecamatan, kab/kota, province) added to
-- administrasi: each unit the sum of its children, column by column, final only when every child
-- is final (macro naik_tingkat). A contest's units go no higher than its top level: a regent/mayor
-- contest ends at its kab/kota, so only governor contests reach the province.
insert into administrasi by name
with
final as (
    select n.*
    from naik_tingkat('administrasi', $tingkat) as n
    semi join kontes as k
        on k.jenis = n.jenis and k.kode_kontes = n.kode_kontes
        and urutan_tingkat(k.tingkat_puncak) <= urutan_tingkat($tingkat)
)
select * from final
order by jenis, kode_kontes, kode_wilayah
