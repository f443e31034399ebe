-- reports/koreksi: the applied corrections of every contest (jejak_koreksi), for the Koreksi annex
-- of the D.Hasil forms of each TPS's kecamatan, kab/kota and province, in file order per contest.
select
    k.jenis,
    k.kode_kontes,
    k.kode_tps,
    coalesce(w.nama, '') as nama_desa,
    k.id,
    k.kolom,
    k.nomor_urut,
    coalesce(p.nama, '') as nama_paslon,
    k.nilai_lama,
    k.nilai_baru,
    k.tingkat,
    k.alasan,
    k.dokumen,
from jejak_koreksi as k
left join wilayah as w on w.kode = left(k.kode_tps, 10)
left join paslon as p on p.jenis = k.jenis and p.kode_kontes = k.kode_kontes and p.nomor_urut = k.nomor_urut
where k.diterapkan
order by k.jenis, k.kode_kontes, k._rec
