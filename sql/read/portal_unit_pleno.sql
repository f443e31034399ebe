-- Portal: where one unit's plenary stands ($jenis, $kode_kontes, $kode_wilayah): none below kecamatan.
select * from pleno
where jenis = $jenis and kode_kontes = $kode_kontes and kode_wilayah = $kode_wilayah
