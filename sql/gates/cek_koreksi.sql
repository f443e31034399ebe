-- cek_koreksi: one row per correction of koreksi.csv (jejak_koreksi) for the corrections suite
-- (expectations/koreksi.json): a flag per reason a correction was refused, at most one set.
-- `_baris` keys the findings; a refused correction holds its TPS like any broken form.
create or replace temp table cek_koreksi as
select
    row_number() over (order by _rec) - 1 as _baris,
    jenis,
    kode_kontes,
    kode_tps,
    id,
    kolom,
    nilai_lama,
    nilai_baru,
    nilai_formulir,
    (alasan_penolakan is distinct from 'formulir_tidak_ada')::integer as ada_formulir,
    (alasan_penolakan is distinct from 'kolom_tidak_dikenal')::integer as kolom_dikenal,
    (alasan_penolakan is distinct from 'nilai_lama_tidak_cocok')::integer as nilai_lama_cocok,
from jejak_koreksi
order by _rec
