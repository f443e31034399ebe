-- cek_suara_kabkota: one row per (contest, kabkota, ballot number): the votes of hasil_kabkota beside the sum
-- of its kecamatans recomputed independently, for the agregat_suara_kabkota gate (macro in macros.sql).
create or replace temp table cek_suara_kabkota as
select * from cek_agregat_suara('hasil_kabkota', 'hasil_kecamatan', 4)
