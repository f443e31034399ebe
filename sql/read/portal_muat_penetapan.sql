-- Portal: load a published release's penetapan.csv (one row per contest); shares stay the decimals
-- the recap wrote (persen_2d), never binary floating point.
create table penetapan as
select
    jenis, kode_kontes, status, nomor_urut, nama_paslon, suara, persen, suara_sah,
    selisih_suara, selisih_persen, ambang_mk_persen, dapat_diajukan_ke_mk,
from read_csv($path, header = true, delim = ',', quote = '"', escape = '"', types = {
    'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'status': 'VARCHAR', 'nomor_urut': 'INTEGER',
    'nama_paslon': 'VARCHAR', 'suara': 'BIGINT', 'persen': 'DECIMAL(6,2)', 'suara_sah': 'BIGINT',
    'selisih_suara': 'BIGINT', 'selisih_persen': 'DECIMAL(6,2)', 'ambang_mk_persen': 'DECIMAL(3,1)',
    'dapat_diajukan_ke_mk': 'VARCHAR'
})
