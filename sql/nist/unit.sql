-- nist_unit: one row per GpUnit of the NIST export (in nist_kerja, see nist_macros.sql): the country
-- root, then every province, kab/kota, kecamatan, desa/kelurahan and TPS of the master list (TPS that
-- vote in at least one contest), and every contest region. Figures are of the election at the unit, not of one contest:
-- tps_total  the TPS under it (TotalSubUnits);
-- tps_lapor  those whose every contest form passed the checks (SubUnitsReported);
-- dpt        registered voters of the master list, all its TPS (VotersRegistered);
-- pengguna   voters who voted at the reported TPS (VotersParticipated; null when none reported),
--            from the governor ballot where the TPS has one, else the regent/mayor ballot.
create or replace table nist_kerja.nist_unit as
with
stations as (
    select t.kode_tps, coalesce(t.dpt_l, 0) + coalesce(t.dpt_p, 0) as dpt,
    from tps as t
    semi join tps_kontes as k on k.kode_tps = t.kode_tps
),
forms as (
    select
        kode_wilayah as kode_tps,
        bool_and(tps_lolos = 1) as lapor,
        -- 'pkwkp' sorts after 'pkwkk': the governor ballot where there is one
        arg_max(pengguna_jumlah, jenis) as pengguna,
    from administrasi_tps
    where tps_total = 1
    group by kode_wilayah
),
per_tps as (
    select
        s.kode_tps,
        s.dpt,
        coalesce(f.lapor, false)::integer as tps_lapor,
        case when f.lapor then f.pengguna end as pengguna,
    from stations as s
    left join forms as f on f.kode_tps = s.kode_tps
),
levels as (
    select 6 as urutan, 'tps' as tingkat, kode_tps as kode, 1 as tps_total, tps_lapor, dpt, pengguna,
    from per_tps
    union all
    select 5, 'desa', left(kode_tps, 10), count(*), sum(tps_lapor), sum(dpt), sum(pengguna),
    from per_tps group by left(kode_tps, 10)
    union all
    select 4, 'kecamatan', left(kode_tps, 6), count(*), sum(tps_lapor), sum(dpt), sum(pengguna),
    from per_tps group by left(kode_tps, 6)
    union all
    select 3, 'kabkota', left(kode_tps, 4), count(*), sum(tps_lapor), sum(dpt), sum(pengguna),
    from per_tps group by left(kode_tps, 4)
    union all
    select 2, 'provinsi', left(kode_tps, 2), count(*), sum(tps_lapor), sum(dpt), sum(pengguna),
    from per_tps group by left(kode_tps, 2)
    union all
    select 1, 'negara', 'id', count(*), sum(tps_lapor), sum(dpt), sum(pengguna),
    from per_tps
),
-- a contest region with no TPS in the master list still is the contest's ElectionDistrictId
contest_regions as (
    select distinct
        case jenis when 'pkwkp' then 2 else 3 end as urutan,
        case jenis when 'pkwkp' then 'provinsi' else 'kabkota' end as tingkat,
        kode_kontes as kode, 0 as tps_total, 0 as tps_lapor, 0 as dpt, null::bigint as pengguna,
    from kontes
    where kode_kontes not in (select kode from levels)
),
units as (
    select * from levels
    union all
    select * from contest_regions
),
children as (
    select
        case when urutan = 2 then 'id' else left(kode, case urutan when 3 then 2 when 4 then 4 when 5 then 6 else 10 end) end
            as induk,
        list(nist_ru(kode) order by kode) as anak,
    from units
    where urutan > 1
    group by all
),
final as (
    select
        u.urutan,
        u.tingkat,
        u.kode,
        case
            when u.tingkat = 'negara' then 'Indonesia'
            when u.tingkat = 'tps' then nama_tps(u.kode)
            else coalesce(nullif(trim(w.nama), ''), u.kode)
        end as nama,
        -- NIST ReportingUnitType where Indonesia has a counterpart, else other + OtherType
        case
            when u.tingkat = 'negara' then 'country'
            when u.tingkat = 'kabkota' and substr(u.kode, 3, 1) = '7' then 'city'
            when u.tingkat = 'kabkota' then 'county'
            when u.tingkat = 'tps' then 'precinct'
            else 'other'
        end as jenis_unit,
        case u.tingkat
            when 'provinsi' then 'provinsi'
            when 'kecamatan' then 'kecamatan'
            -- the first digit of the 4-digit desa part: 1 kelurahan, 2 desa (Kemendagri numbering)
            when 'desa' then case substr(u.kode, 7, 1) when '1' then 'kelurahan' when '2' then 'desa' else 'desa/kelurahan' end
        end as jenis_lain,
        c.anak,
        u.tps_total::bigint as tps_total,
        u.tps_lapor::bigint as tps_lapor,
        u.dpt::bigint as dpt,
        u.pengguna::bigint as pengguna,
    from units as u
    left join wilayah as w on w.kode = u.kode
    left join children as c on c.induk = u.kode
)
-- unordered: nist_xml.sql and nist_json.sql put every row in document order
select * from final
