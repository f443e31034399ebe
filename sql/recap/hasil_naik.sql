-- hasil_naik: the rows of level $tingkat added to hasil: the votes of each ballot column of a unit,
-- the sum over its children (macro naik_suara); no higher than the contest's top level.
insert into hasil by name
with
final as (
    select n.*
    from naik_suara('hasil', $tingkat) as n
    semi join kontes as k
        on k.jenis = n.jenis and k.kode_kontes = n.kode_kontes
        and urutan_tingkat(k.tingkat_puncak) <= urutan_tingkat($tingkat)
)
select * from final
order by jenis, kode_kontes, kode_wilayah, nomor_urut
