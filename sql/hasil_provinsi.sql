-- hasil_provinsi: one row per (governor contest, province, ballot number): the sum of its kab/kota.
create or replace table hasil_provinsi as
select * from naik_suara('hasil_kabkota', 2)
where jenis = 'pkwkp'
order by jenis, kode_kontes, kode_wilayah, nomor_urut
