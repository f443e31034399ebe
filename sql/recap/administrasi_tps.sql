-- administrasi_tps: one row per (contest, TPS) expected or submitted: the form's counts as
-- submitted, whether the TPS is in the master list, in, and passed every error rule.
create or replace table administrasi_tps as
with
expected as (
    select jenis, kode_kontes, kode_tps from tps_kontes
),
held as (
    select distinct jenis, kode_kontes, kode_tps
    from temuan
    where keparahan = 'error' and kode_tps is not null
),
joined as (
    select
        coalesce(e.jenis, f.jenis) as jenis,
        coalesce(e.kode_kontes, f.kode_kontes) as kode_kontes,
        coalesce(e.kode_tps, f.kode_tps) as kode_wilayah,
        (e.kode_tps is not null)::integer as tps_total,
        (f.kode_tps is not null)::integer as tps_masuk,
        (e.kode_tps is not null and f.kode_tps is not null and h.kode_tps is null)::integer as tps_lolos,
        f.* exclude (jenis, kode_kontes, kode_tps, pengiriman),
    from expected as e
    full join form as f
        on f.jenis = e.jenis and f.kode_kontes = e.kode_kontes and f.kode_tps = e.kode_tps
    left join held as h
        on h.jenis = coalesce(e.jenis, f.jenis)
        and h.kode_kontes = coalesce(e.kode_kontes, f.kode_kontes)
        and h.kode_tps = coalesce(e.kode_tps, f.kode_tps)
),
final as (
    select
        *,
        case when tps_lolos = 1 then 'final' else 'sementara' end as status,
    from joined
)
select * from final
order by jenis, kode_kontes, kode_wilayah
