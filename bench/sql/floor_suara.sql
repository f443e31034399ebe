-- floor suara: one row per (contest, TPS, ballot number) of the submission that counts. Without
-- submission times the last submission counts, and a resubmission repeats its vote rows, so the
-- last row of each key is the one (arg_max by record number).
create or replace temp table suara as
with
source as (
    select row_number() over () as _rec, *
    from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {
        'kode_tps': 'varchar', 'jenis': 'varchar', 'nomor_urut': 'integer', 'suara': 'bigint'
    })
)
select
    jenis,
    case jenis when 'pkwkp' then left(kode_tps, 2) else left(kode_tps, 4) end as kode_kontes,
    kode_tps,
    nomor_urut,
    arg_max(suara, _rec) as suara,
from source
group by jenis, kode_tps, nomor_urut
