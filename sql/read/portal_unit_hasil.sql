-- Portal: the votes of every ballot column of one unit, in ballot order.
select nomor_urut, coalesce(nama_paslon, '') as nama_paslon, suara
from hasil
where jenis = $jenis and kode_kontes = $kode_kontes and tingkat = $tingkat and kode_wilayah = $kode_wilayah
order by nomor_urut
