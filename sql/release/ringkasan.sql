-- one row: how far the recap got, for the run's exit status and the operator's summary line
select
    (select count(*) from kontes) as kontes,
    (select count(*) from penetapan where status <> 'sementara') as kontes_ditetapkan,
    (select count(*) from tps) as tps_daftar,
    (select count(*) from tps_kontes) as formulir_diharapkan,
    (select count(*) from form) as formulir_masuk,
    (select count(*) from administrasi_tps where status = 'final') as formulir_lolos,
    (select count(distinct (jenis, kode_kontes, kode_tps)) from temuan
        where keparahan = 'error' and kode_tps is not null) as formulir_ditahan,
    (select count(*) from temuan where keparahan = 'error') as temuan_error,
    (select count(*) from temuan where keparahan = 'warn') as temuan_warn,
    (select count(*) from administrasi_tps where status <> 'final') as unit_tps_sementara
