-- floor temuan: how many (contest, TPS) broke each rule, with its severity (warnings hold nothing).
with
counts as (
    select count_if(columns('^gagal_')) as '\0' from cek_tps
),
per_rule as (
    unpivot counts on columns(*) into name kolom value n
)
select
    substr(kolom, 7) as aturan,
    case when substr(kolom, 7) in ('suara_melebihi_1_02_dpt', 'surat_suara_diterima_menyimpang',
        'pengguna_beda_antar_kontes', 'satu_paslon_100_persen', 'partisipasi_jauh_dari_median',
        'dpt_beda_dengan_daftar') then 'warn' else 'error' end as keparahan,
    n,
from per_rule
where n > 0
order by aturan
