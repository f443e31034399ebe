-- cek_suara_kecamatan: one row per (contest, kecamatan, ballot number): the votes of hasil_kecamatan beside the sum
-- of its desas recomputed independently, for the agregat_suara_kecamatan gate (macro in macros.sql).
create or replace temp table cek_suara_kecamatan as
select * from cek_agregat_suara('hasil_kecamatan', 'hasil_desa', 6)
