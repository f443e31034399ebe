-- cek_provinsi: one row per (contest, provinsi): each column of administrasi_provinsi beside the sum of its
-- kabkotas recomputed independently (column__anak), for the agregat_provinsi gate (macro in macros.sql).
create or replace temp table cek_provinsi as
select * from cek_agregat('administrasi_provinsi', 'administrasi_kabkota', 2)
-- only governor contests reach the province
where jenis = 'pkwkp'
