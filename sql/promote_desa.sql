-- promote_desa: a desa with an error finding of its own stays provisional (its children's state is
-- already in its status); run after the agregat_desa gates, before the level above is built.
update administrasi_desa as a
set status = 'sementara'
where status = 'final'
    and exists (
        select 1 from temuan as t
        where t.keparahan = 'error' and t.tingkat = 'desa'
            and t.jenis = a.jenis and t.kode_kontes = a.kode_kontes and t.kode_wilayah = a.kode_wilayah
    )
