-- Portal: the names of the units above a unit (for the breadcrumb), top-down.
select tingkat, kode_wilayah, nama_wilayah
from administrasi
where jenis = $jenis and kode_kontes = $kode_kontes and list_contains($kode, kode_wilayah)
order by length(kode_wilayah)
