-- Portal: the plenaries that are late (adopted after their last day) or overdue (not adopted, the
-- last day passed), by province and kab/kota, then contest and level top-down.
select p.*, coalesce(w.nama, '') as nama_wilayah
from pleno as p
left join (select distinct kode_wilayah, nama_wilayah as nama from hasil) as w on w.kode_wilayah = p.kode_wilayah
where p.ketepatan in ('terlambat', 'lewat_jadwal')
order by left(p.kode_wilayah, 2), left(p.kode_wilayah, 4), p.jenis, p.kode_kontes,
    (select urutan from tingkat as t where t.tingkat = p.tingkat), p.kode_wilayah
