-- hasil_kecamatan: one row per (contest, kecamatan, ballot number): the sum of its desa.
create or replace table hasil_kecamatan as
select * from naik_suara('hasil_desa', 6)
order by jenis, kode_kontes, kode_wilayah, nomor_urut
