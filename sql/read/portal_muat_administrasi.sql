-- Portal: load a published release's administrasi.csv into the portal's in-memory database.
create table administrasi as
select
    jenis, kode_kontes, tingkat, kode_wilayah, nama_wilayah, tps_total, tps_masuk, tps_lolos,
    dpt_l, dpt_p, dpph_l, dpph_p, dptb_l, dptb_p, pemilih_jumlah,
    pengguna_dpt_l, pengguna_dpt_p, pengguna_dpph_l, pengguna_dpph_p,
    pengguna_dptb_l, pengguna_dptb_p, pengguna_jumlah,
    disabilitas_l, disabilitas_p, pengguna_disabilitas_l, pengguna_disabilitas_p,
    ss_diterima, ss_rusak, ss_tidak_digunakan, ss_digunakan,
    suara_sah, suara_tidak_sah, suara_total,
    status,
from read_csv($path, header = true, delim = ',', quote = '"', escape = '"', types = {
    'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'tingkat': 'VARCHAR', 'kode_wilayah': 'VARCHAR',
    'nama_wilayah': 'VARCHAR', 'tps_total': 'BIGINT', 'tps_masuk': 'BIGINT', 'tps_lolos': 'BIGINT',
    'dpt_l': 'BIGINT', 'dpt_p': 'BIGINT', 'dpph_l': 'BIGINT', 'dpph_p': 'BIGINT',
    'dptb_l': 'BIGINT', 'dptb_p': 'BIGINT', 'pemilih_jumlah': 'BIGINT',
    'pengguna_dpt_l': 'BIGINT', 'pengguna_dpt_p': 'BIGINT', 'pengguna_dpph_l': 'BIGINT',
    'pengguna_dpph_p': 'BIGINT', 'pengguna_dptb_l': 'BIGINT', 'pengguna_dptb_p': 'BIGINT',
    'pengguna_jumlah': 'BIGINT', 'disabilitas_l': 'BIGINT', 'disabilitas_p': 'BIGINT',
    'pengguna_disabilitas_l': 'BIGINT', 'pengguna_disabilitas_p': 'BIGINT',
    'ss_diterima': 'BIGINT', 'ss_rusak': 'BIGINT', 'ss_tidak_digunakan': 'BIGINT', 'ss_digunakan': 'BIGINT',
    'suara_sah': 'BIGINT', 'suara_tidak_sah': 'BIGINT', 'suara_total': 'BIGINT', 'status': 'VARCHAR'
})
order by jenis, kode_kontes, tingkat, kode_wilayah
