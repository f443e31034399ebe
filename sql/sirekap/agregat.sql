-- sirekap/agregat: one row per Sirekap aggregate file whose table rows are units of level
-- $tingkat_anak: its path under sirekap/ and its JSON text, in the keys and order of KPU's files
-- ({mode, tungsura: {chart, table}, psu, progres, ts}). The chart is the file's own unit; a file
-- above a contest (pkwkp/0.json: every governor race; pkwkk/<prov>/<prov>.json: the regent/mayor
-- races of a province) has only the progress in its chart, as KPU's have.
with
children as (
    select
        induk,
        kode_wilayah,
        tps_total,
        tps_lolos,
        ts,
        '"' || kode_wilayah || '":{"psu":"Reguler",' || coalesce(suara || ',', '')
            || '"progres":' || progres || ',"status_progress":' || (tps_lolos > 0)::varchar || '}' as baris,
    from sirekap_unit
    where tingkat = $tingkat_anak
),
tables as (
    select
        induk as berkas,
        string_agg(baris, ',' order by kode_wilayah) as tabel,
        sum(tps_total)::bigint as tps_total,
        sum(tps_lolos)::bigint as tps_lolos,
        max(ts) as ts,
    from children
    group by induk
),
final as (
    select
        t.berkas,
        '{"mode":"hhcw","tungsura":{"chart":{' || coalesce(u.suara || ',', '') || '"progres":'
            || coalesce(u.progres, '{"total":' || t.tps_total
                || ',"persen":' || coalesce(persen_2d(t.tps_lolos, t.tps_total)::double, 0.0)::varchar
                || ',"progres":' || t.tps_lolos || '}')
            || '},"table":{' || t.tabel || '}},"psu":"Reguler","progres":{"total":'
            || coalesce(u.tps_total, t.tps_total) || ',"progres":' || coalesce(u.tps_lolos, t.tps_lolos)
            || '},"ts":' || to_json(coalesce(u.ts, t.ts))::varchar || '}' as isi,
    from tables as t
    left join sirekap_unit as u on u.berkas = t.berkas
)
select * from final
