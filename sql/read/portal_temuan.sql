-- Portal: the findings (pengecualian.csv) of a unit and of everything under it: errors (which
-- hold a unit back) first, then warnings; at most $batas rows, with the full count.
select
    e.tingkat,
    e.kode_wilayah,
    e.kode_tps,
    e.aturan,
    e.keparahan,
    e.keterangan,
    coalesce(a.nama_wilayah, '') as nama_wilayah,
    a.kode_wilayah is not null as ada_halaman,
    count(*) over () as jumlah,
from pengecualian as e
left join administrasi as a
    on a.jenis = e.jenis and a.kode_kontes = e.kode_kontes and a.tingkat = e.tingkat
   and a.kode_wilayah = e.kode_wilayah
where e.jenis = $jenis and e.kode_kontes = $kode_kontes and starts_with(e.kode_wilayah, $kode_wilayah)
order by e.keparahan <> 'error', e.kode_wilayah, e.aturan, e.keterangan
limit $batas
