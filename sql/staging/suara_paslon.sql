-- suara_paslon: one row per submitted vote count of one ballot column at one TPS, typed, read
-- straight from suara_paslon.csv in one pass with every cell checked in the same pass (`_sah`, the
-- rules of contract.SUARA_PASLON as bound parameters $pola_*, $kosong_*): as for c_hasil.sql, ingest uses the
-- typed values only once every row passed, and otherwise re-reads the file as text
-- (stg_suara_paslon.sql) to name the first bad cell. `pengiriman` is set by
-- suara_paslon_pengiriman.sql (which also drops the flag).
create or replace table suara_paslon as
select
    _rec,
    jenis,
    case jenis when 'pkwkp' then left(kode_tps, 2) else left(kode_tps, 4) end as kode_kontes,
    kode_tps,
    1::bigint as pengiriman,
    try_cast(nomor_urut as integer) as nomor_urut,
    try_cast(suara as bigint) as suara,
    sel_sah(kode_tps, $pola_kode_tps, $kosong_kode_tps)
        and sel_sah(jenis, $pola_jenis, $kosong_jenis)
        and sel_sah(nomor_urut, $pola_nomor_urut, $kosong_nomor_urut)
        and sel_sah(suara, $pola_suara, $kosong_suara) as _sah,
from baca_csv($path, $columns)
