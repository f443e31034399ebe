-- cek_kabkota: one row per (contest, kabkota): each column of administrasi_kabkota beside the sum of its
-- kecamatans recomputed independently (column__anak), for the agregat_kabkota gate (macro in macros.sql).
create or replace temp table cek_kabkota as
select * from cek_agregat('administrasi_kabkota', 'administrasi_kecamatan', 4)
