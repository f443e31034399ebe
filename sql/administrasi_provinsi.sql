-- administrasi_provinsi: one row per (governor contest, province): the sum of its kab/kota, column
-- by column; final only when every kab/kota under it is final. A regent/mayor contest ends at its
-- kab/kota, so only governor contests reach the province.
create or replace table administrasi_provinsi as
select * from naik_tingkat('administrasi_kabkota', 2)
where jenis = 'pkwkp'
order by jenis, kode_kontes, kode_wilayah
