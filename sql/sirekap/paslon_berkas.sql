-- sirekap/paslon_berkas: one row per contest type: the path of Sirekap's candidate master
-- (paslon/<jenis>.json) and its JSON, {kode_kontes: {paslon_id: {ts, nama, warna, nomor_urut}}}.
-- `ts` is the contest's latest submission time (WIB; '' without times): KPU's is when it set the list.
with
contest_time as (
    select jenis, kode_kontes, ts
    from sirekap_unit
    where kode_wilayah = kode_kontes
),
pairs as (
    select
        p.jenis,
        p.kode_kontes,
        string_agg('"' || p.paslon_id || '":{"ts":' || to_json(coalesce(t.ts, ''))::varchar
            || ',"nama":' || to_json(p.nama)::varchar || ',"warna":"' || p.warna
            || '","nomor_urut":' || p.nomor_urut || '}', ',' order by p.nomor_urut) as isi,
    from sirekap_paslon as p
    left join contest_time as t on t.jenis = p.jenis and t.kode_kontes = p.kode_kontes
    group by p.jenis, p.kode_kontes
),
final as (
    select
        'paslon/' || jenis || '.json' as berkas,
        '{' || string_agg('"' || kode_kontes || '":{' || isi || '}', ',' order by kode_kontes) || '}' as isi,
    from pairs
    group by jenis
)
select * from final
