-- cek_kecamatan: one row per (contest, kecamatan): each column of administrasi_kecamatan beside the sum of its
-- desas recomputed independently (column__anak), for the agregat_kecamatan gate (macro in macros.sql).
create or replace temp table cek_kecamatan as
select * from cek_agregat('administrasi_kecamatan', 'administrasi_desa', 6)
