-- cek_penetapan: one row per contest: its penetapan beside the figures of its top unit, for the
-- penetapan gate (the determination must agree with the recap it comes from).
create or replace temp table cek_penetapan as
with
top_units as (
    select distinct jenis, kode_kontes, suara_sah, status from puncak
),
top_votes as (
    select jenis, kode_kontes, sum(suara)::bigint as jumlah_suara_kolom from puncak group by all
),
final as (
    select
        row_number() over () - 1 as _baris,
        p.jenis,
        p.kode_kontes,
        k.tingkat_puncak as tingkat,
        p.kode_kontes as kode_wilayah,
        p.status,
        coalesce(p.nomor_urut, 0) as nomor_urut,
        coalesce(p.suara, 0) as suara,
        coalesce(p.suara - p.selisih_suara, 0) as suara_kedua,
        p.suara_sah,
        coalesce(u.suara_sah, 0) as suara_sah_puncak,
        coalesce(v.jumlah_suara_kolom, 0) as jumlah_suara_kolom,
        coalesce((p.persen * 100)::bigint, 0) as persen_bp,
        coalesce(u.status, 'tidak ada') as status_puncak,
        ((p.status = 'sementara') = (u.status is distinct from 'final'))::integer as status_sesuai_puncak,
    from penetapan as p
    join kontes as k on k.jenis = p.jenis and k.kode_kontes = p.kode_kontes
    left join top_units as u on u.jenis = p.jenis and u.kode_kontes = p.kode_kontes
    left join top_votes as v on v.jenis = p.jenis and v.kode_kontes = p.kode_kontes
)
select * from final
