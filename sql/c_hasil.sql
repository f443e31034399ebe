-- c_hasil: one row per submitted TPS form (every submission, resubmissions included), typed.
create or replace table c_hasil as
select
    _rec,
    jenis,
    case jenis when 'pkwkp' then left(kode_tps, 2) else left(kode_tps, 4) end as kode_kontes,
    kode_tps,
    -- 1 for the first submission of this TPS and contest in the file, 2 for its resubmission, ...
    row_number() over (partition by jenis, kode_tps order by _rec) as pengiriman,
    cast(columns([
        'dpt_l', 'dpt_p', 'dpph_l', 'dpph_p', 'dptb_l', 'dptb_p', 'pemilih_jumlah',
        'pengguna_dpt_l', 'pengguna_dpt_p', 'pengguna_dpph_l', 'pengguna_dpph_p',
        'pengguna_dptb_l', 'pengguna_dptb_p', 'pengguna_jumlah',
        'disabilitas_l', 'disabilitas_p', 'pengguna_disabilitas_l', 'pengguna_disabilitas_p',
        'ss_diterima', 'ss_rusak', 'ss_tidak_digunakan', 'ss_digunakan',
        'suara_sah', 'suara_tidak_sah', 'suara_total'
    ]) as bigint),
    cast(diterima_pada as timestamptz) as diterima_pada,
from stg_c_hasil
order by _rec
