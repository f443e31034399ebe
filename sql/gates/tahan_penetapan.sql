-- tahan_penetapan: a contest whose penetapan breaks an error rule is not determined: it stays
-- provisional (the leader so far is still shown).
update penetapan as p
set status = 'sementara'
where status <> 'sementara'
    and exists (
        select 1 from temuan as t
        where t.keparahan = 'error' and t.jenis = p.jenis and t.kode_kontes = p.kode_kontes
            and t.tingkat in ('provinsi', 'kabkota') and t.kode_wilayah = p.kode_kontes
            and t.aturan like 'penetapan%'
    )
