-- administrasi_kecamatan: one row per (contest, kecamatan): the sum of its desa, column by column;
-- final only when every desa under it is final (macro naik_tingkat in macros.sql).
create or replace table administrasi_kecamatan as
select * from naik_tingkat('administrasi_desa', 6)
order by jenis, kode_kontes, kode_wilayah
