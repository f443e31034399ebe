-- promote_provinsi: a provinsi with an error finding of its own stays provisional (its children's state is
-- already in its status); run after the agregat_provinsi gates, before the level above is built.
update administrasi_provinsi as a
set status = 'sementara'
where status = 'final'
    and exists (
        select 1 from temuan as t
        where t.keparahan = 'error' and t.tingkat = 'provinsi'
            and t.jenis = a.jenis and t.kode_kontes = a.kode_kontes and t.kode_wilayah = a.kode_wilayah
    )
