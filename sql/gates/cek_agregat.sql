-- cek_agregat: one row per (contest, unit of level $tingkat: kecamatan, kab/kota, province): each
-- column of administrasi beside the sum of its children recomputed independently (column__anak),
-- for the agregat gate of that level (macro cek_agregat).
create or replace temp table cek_agregat as
select c.*
from cek_agregat('administrasi', $tingkat) as c
-- a contest's units go no higher than its top level (only governor contests reach the province)
semi join kontes as k
    on k.jenis = c.jenis and k.kode_kontes = c.kode_kontes
    and urutan_tingkat(k.tingkat_puncak) <= urutan_tingkat($tingkat)
