-- nist_kontes: one row per contest of the NIST export (a CandidateContest and the Office it fills):
-- its name, district, progress at its top unit (province for a governor contest, kab/kota for a regent/mayor one) and
-- how it is decided.
create or replace table nist_kerja.nist_kontes as
with
top_units as (
    select a.jenis, a.kode_kontes, a.tps_total, a.tps_lolos, a.status
    from administrasi as a
    semi join kontes as k
        on k.jenis = a.jenis and k.kode_kontes = a.kode_kontes and k.tingkat_puncak = a.tingkat
    where a.kode_wilayah = a.kode_kontes
),
final as (
    select
        k.jenis,
        k.kode_kontes,
        row_number() over (order by k.jenis desc, k.kode_kontes) as urutan,
        -- the office, worded as rekap/explain.py words a contest's title
        case
            when k.jenis = 'pkwkp' then 'Gubernur dan Wakil Gubernur '
            when upper(coalesce(k.nama_wilayah, '')) like 'KOTA %' then 'Wali Kota dan Wakil Wali Kota '
            else 'Bupati dan Wakil Bupati '
        end || coalesce(nullif(k.nama_wilayah, ''), k.kode_kontes) as jabatan,
        coalesce(u.tps_total, 0)::bigint as tps_total,
        coalesce(u.tps_lolos, 0)::bigint as tps_lolos,
        -- CountItemStatus of the contest's count
        case
            when u.status = 'final' then 'completed'
            when coalesce(u.tps_lolos, 0) > 0 then 'in-process'
            else 'not-processed'
        end as status_hitung,
        -- a single pair against the empty column needs more than half of the valid votes (Pasal 54D)
        case when k.ada_kolom_kosong then 'majority' else 'plurality' end as cara_pilih,
    from kontes as k
    left join top_units as u on u.jenis = k.jenis and u.kode_kontes = k.kode_kontes
)
select * exclude (jabatan), 'Pemilihan ' || jabatan as nama, jabatan from final
order by urutan
