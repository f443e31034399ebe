-- sirekap_unit: one row per (contest, unit) from desa up to the contest's top, with the pieces of
-- Sirekap's JSON it appears in: its votes as `"paslon_id":suara` pairs (only when some TPS counted:
-- Sirekap shows no vote keys where nothing is in), its progress object, the file it has a row in
-- (`induk`) and its own file (`berkas`, where it has children), and `ts`, the latest submission time
-- (WIB) of its forms ('' when the package gives no times).
create or replace temp table sirekap_unit as
with
units as (
    select tingkat, jenis, kode_kontes, kode_wilayah, tps_total, tps_lolos from administrasi
),
votes as (
    select jenis, kode_kontes, kode_wilayah, nomor_urut, suara from hasil
),
unit_votes as (
    select
        v.jenis,
        v.kode_kontes,
        v.kode_wilayah,
        string_agg('"' || p.paslon_id || '":' || coalesce(v.suara, 0), ',' order by v.nomor_urut) as suara,
    from votes as v
    join sirekap_paslon as p
        on p.jenis = v.jenis and p.kode_kontes = v.kode_kontes and p.nomor_urut = v.nomor_urut
    group by v.jenis, v.kode_kontes, v.kode_wilayah
),
tps_time as (
    select jenis, kode_kontes, kode_tps, max(diterima_pada) as waktu
    from c_hasil
    where diterima_pada is not null
    group by jenis, kode_kontes, kode_tps
),
unit_time as (
    select jenis, kode_kontes, left(kode_tps, 10) as kode_wilayah, max(waktu) as waktu from tps_time group by all
    union all
    select jenis, kode_kontes, left(kode_tps, 6), max(waktu) from tps_time group by all
    union all
    select jenis, kode_kontes, left(kode_tps, 4), max(waktu) from tps_time group by all
    union all
    select jenis, kode_kontes, left(kode_tps, 2), max(waktu) from tps_time group by all
),
paths as (
    select
        u.*,
        length(u.kode_wilayah) as panjang,
        case length(u.kode_wilayah) when 10 then 6 when 6 then 4 when 4 then 2 end as panjang_induk,
    from units as u
),
final as (
    select
        p.jenis,
        p.kode_kontes,
        p.tingkat,
        p.kode_wilayah,
        p.tps_total,
        p.tps_lolos,
        case when p.tps_lolos > 0 then v.suara end as suara,
        '{"total":' || p.tps_total
            || ',"persen":' || coalesce(persen_2d(p.tps_lolos, p.tps_total)::double, 0.0)::varchar
            || ',"progres":' || p.tps_lolos || '}' as progres,
        case
            when p.panjang = 2 then p.jenis || '/0.json'
            else p.jenis || '/' || left(p.kode_wilayah, 2) || '/' || case p.panjang_induk
                when 2 then left(p.kode_wilayah, 2)
                when 4 then left(p.kode_wilayah, 4)
                when 6 then left(p.kode_wilayah, 4) || '/' || left(p.kode_wilayah, 6)
            end || '.json'
        end as induk,
        case
            when p.panjang = 10 then null
            else p.jenis || '/' || left(p.kode_wilayah, 2) || '/' || case p.panjang
                when 2 then p.kode_wilayah
                when 4 then p.kode_wilayah
                when 6 then left(p.kode_wilayah, 4) || '/' || p.kode_wilayah
            end || '.json'
        end as berkas,
        coalesce(strftime(timezone('Asia/Jakarta', t.waktu), '%Y-%m-%d %H:%M:%S'), '') as ts,
    from paths as p
    left join unit_votes as v
        on v.jenis = p.jenis and v.kode_kontes = p.kode_kontes and v.kode_wilayah = p.kode_wilayah
    left join unit_time as t
        on t.jenis = p.jenis and t.kode_kontes = p.kode_kontes and t.kode_wilayah = p.kode_wilayah
)
select * from final
