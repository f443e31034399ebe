-- tingkat: one row per level of the recap, bound from rekap.domain.LEVELS (the one table of the
-- levels): its name, rank top-down, code length and child level. Read by the macros of
-- macros.sql (urutan_tingkat, naik_tingkat, cek_agregat, …) and by the reports' connection.
create or replace table tingkat as
select
    unnest($tingkat) as tingkat,
    unnest($urutan) as urutan,
    unnest($panjang) as panjang,
    unnest($anak) as anak,
