-- floor hasil_puncak: the kab/kota and province rows of hasil, to compare with rekap's release.
select jenis, kode_kontes, tingkat, kode_wilayah, nomor_urut, suara
from hasil
where tingkat in ('kabkota', 'provinsi')
order by jenis, kode_kontes, tingkat, kode_wilayah, nomor_urut
