-- administrasi_kabkota: one row per (contest, kab/kota): the sum of its kecamatan, column by
-- column; final only when every kecamatan under it is final (macro naik_tingkat in macros.sql).
create or replace table administrasi_kabkota as
select * from naik_tingkat('administrasi_kecamatan', 4)
order by jenis, kode_kontes, kode_wilayah
