-- Portal: the votes of every ballot column of one unit, in ballot order, each with its share of
-- the pairs' votes as the reports print it (persen_2d: integer half-up to 2 decimals).
select
    nomor_urut,
    coalesce(nama_paslon, '') as nama_paslon,
    suara,
    persen_2d(suara, sum(suara) over ()) as persen,
from hasil
where jenis = $jenis and kode_kontes = $kode_kontes and tingkat = $tingkat and kode_wilayah = $kode_wilayah
order by nomor_urut
