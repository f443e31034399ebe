-- cek_suara_provinsi: one row per (contest, provinsi, ballot number): the votes of hasil_provinsi beside the sum
-- of its kabkotas recomputed independently, for the agregat_suara_provinsi gate (macro in macros.sql).
create or replace temp table cek_suara_provinsi as
select * from cek_agregat_suara('hasil_provinsi', 'hasil_kabkota', 2)
-- only governor contests reach the province
where jenis = 'pkwkp'
