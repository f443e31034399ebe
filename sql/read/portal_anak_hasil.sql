-- Portal: the votes of every ballot column of the units one level below a unit.
select kode_wilayah, nomor_urut, coalesce(nama_paslon, '') as nama_paslon, suara
from hasil
where jenis = $jenis and kode_kontes = $kode_kontes and tingkat = $tingkat
  and starts_with(kode_wilayah, $induk)
order by kode_wilayah, nomor_urut
