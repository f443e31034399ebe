-- tahan: the units of level $tingkat with an error finding of their own stay provisional (their
-- children's state is already in their status); run after the level's gates, before the level
-- above is built. A gate never changes a count: it only holds.
update administrasi as a
set status = 'sementara'
where a.tingkat = $tingkat
    and a.status = 'final'
    and exists (
        select 1 from temuan as t
        where t.keparahan = 'error' and t.tingkat = $tingkat
            and t.jenis = a.jenis and t.kode_kontes = a.kode_kontes and t.kode_wilayah = a.kode_wilayah
    )
