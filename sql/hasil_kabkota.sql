-- hasil_kabkota: one row per (contest, kab/kota, ballot number): the sum of its kecamatan.
create or replace table hasil_kabkota as
select * from naik_suara('hasil_kecamatan', 4)
order by jenis, kode_kontes, kode_wilayah, nomor_urut
