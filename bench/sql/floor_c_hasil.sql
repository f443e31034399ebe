-- floor c_hasil: every submitted form, typed by the reader, with its record number (_rec) and
-- contest code (from jenis and the TPS code).
create or replace temp table c_hasil as
select
    row_number() over () as _rec,
    jenis,
    case jenis when 'pkwkp' then left(kode_tps, 2) else left(kode_tps, 4) end as kode_kontes,
    * exclude (jenis),
from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {
    'kode_tps': 'varchar', 'jenis': 'varchar',
    'dpt_l': 'bigint', 'dpt_p': 'bigint', 'dpph_l': 'bigint', 'dpph_p': 'bigint',
    'dptb_l': 'bigint', 'dptb_p': 'bigint', 'pemilih_jumlah': 'bigint',
    'pengguna_dpt_l': 'bigint', 'pengguna_dpt_p': 'bigint', 'pengguna_dpph_l': 'bigint',
    'pengguna_dpph_p': 'bigint', 'pengguna_dptb_l': 'bigint', 'pengguna_dptb_p': 'bigint',
    'pengguna_jumlah': 'bigint',
    'disabilitas_l': 'bigint', 'disabilitas_p': 'bigint',
    'pengguna_disabilitas_l': 'bigint', 'pengguna_disabilitas_p': 'bigint',
    'ss_diterima': 'bigint', 'ss_rusak': 'bigint', 'ss_tidak_digunakan': 'bigint', 'ss_digunakan': 'bigint',
    'suara_sah': 'bigint', 'suara_tidak_sah': 'bigint', 'suara_total': 'bigint'
})
