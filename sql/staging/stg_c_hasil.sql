-- stg_c_hasil: the records of c_hasil.csv as text, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace temp table stg_c_hasil as
with
source as (
    -- an optional column the file leaves out comes through as null
    select null::varchar as diterima_pada where false
    union all by name
    select * from baca_csv($path, $columns)
)
select _rec, kode_tps, jenis,
    dpt_l, dpt_p, dpph_l, dpph_p, dptb_l, dptb_p, pemilih_jumlah,
    pengguna_dpt_l, pengguna_dpt_p, pengguna_dpph_l, pengguna_dpph_p,
    pengguna_dptb_l, pengguna_dptb_p, pengguna_jumlah,
    disabilitas_l, disabilitas_p, pengguna_disabilitas_l, pengguna_disabilitas_p,
    ss_diterima, ss_rusak, ss_tidak_digunakan, ss_digunakan,
    suara_sah, suara_tidak_sah, suara_total,
    diterima_pada
from source
