-- cek_agregat_suara: one row per (contest, unit of level $tingkat, ballot number): the votes of
-- hasil beside the sum over its children recomputed independently, for the agregat_suara gate of
-- that level (macro cek_agregat_suara).
create or replace temp table cek_agregat_suara as
select c.*
from cek_agregat_suara('hasil', $tingkat) as c
-- a contest's units go no higher than its top level (only governor contests reach the province)
semi join kontes as k
    on k.jenis = c.jenis and k.kode_kontes = c.kode_kontes
    and urutan_tingkat(k.tingkat_puncak) <= urutan_tingkat($tingkat)
