-- c_hasil: one row per submitted TPS form (every submission, resubmissions included), typed, read
-- straight from c_hasil.csv in one pass. Every cell is checked against its format in the same pass
-- (`_sah`, the rules of contract.C_HASIL as bound parameters $pola_*, $kosong_*), and the submission time
-- against the calendar (`_waktu_sah`); ingest uses the typed values only once every row passed,
-- and otherwise re-reads the file as text (stg_c_hasil.sql) to name the first bad cell. Hence
-- try_cast: a bad cell turns into null here, never into a plausible number that could be used.
-- `pengiriman` is set by c_hasil_pengiriman.sql (which also drops the two flags).
create or replace table c_hasil as
with
source as (
    -- an optional column the file leaves out comes through as null
    select null::varchar as diterima_pada where false
    union all by name
    select * from baca_csv($path, $columns)
)
select
    _rec,
    jenis,
    case jenis when 'pkwkp' then left(kode_tps, 2) else left(kode_tps, 4) end as kode_kontes,
    kode_tps,
    1::bigint as pengiriman,
    try_cast(columns([
        'dpt_l', 'dpt_p', 'dpph_l', 'dpph_p', 'dptb_l', 'dptb_p', 'pemilih_jumlah',
        'pengguna_dpt_l', 'pengguna_dpt_p', 'pengguna_dpph_l', 'pengguna_dpph_p',
        'pengguna_dptb_l', 'pengguna_dptb_p', 'pengguna_jumlah',
        'disabilitas_l', 'disabilitas_p', 'pengguna_disabilitas_l', 'pengguna_disabilitas_p',
        'ss_diterima', 'ss_rusak', 'ss_tidak_digunakan', 'ss_digunakan',
        'suara_sah', 'suara_tidak_sah', 'suara_total'
    ]) as bigint),
    try_cast(diterima_pada as timestamptz) as diterima_pada,
    sel_sah(kode_tps, $pola_kode_tps, $kosong_kode_tps)
        and sel_sah(jenis, $pola_jenis, $kosong_jenis)
        and semua_sel_sah([
            dpt_l, dpt_p, dpph_l, dpph_p, dptb_l, dptb_p, pemilih_jumlah,
            pengguna_dpt_l, pengguna_dpt_p, pengguna_dpph_l, pengguna_dpph_p,
            pengguna_dptb_l, pengguna_dptb_p, pengguna_jumlah,
            disabilitas_l, disabilitas_p, pengguna_disabilitas_l, pengguna_disabilitas_p,
            ss_diterima, ss_rusak, ss_tidak_digunakan, ss_digunakan,
            suara_sah, suara_tidak_sah, suara_total
        ], $pola_hitungan, $kosong_hitungan)
        and sel_sah(diterima_pada, $pola_waktu, $kosong_waktu) as _sah,
    diterima_pada is null or try_cast(diterima_pada as timestamptz) is not null as _waktu_sah,
from source
