-- rekonsiliasi: one row per (contest, level, unit, ballot number) compared: the release's figure,
-- the second source's, the difference and both sides' TPS progress. Only the release's contests,
-- and of those only the levels the source publishes. A unit is `tidak_sebanding` when it is on one
-- side only or its coverage differs (TPS total or TPS counted; a figure one side shows and the other
-- not), else `beda` when any ballot number differs, else `sama`.
create or replace temp table rekonsiliasi as
with
ours as (
    select * from sisi where sisi = 'rekap'
),
theirs as (
    select t.*
    from sisi as t
    semi join (select distinct jenis, kode_kontes from ours) as k
        on k.jenis = t.jenis and k.kode_kontes = t.kode_kontes
    where t.sisi = 'pembanding'
),
their_levels as (
    select distinct jenis, kode_kontes, tingkat from theirs
),
unit_ours as (
    select o.jenis, o.kode_kontes, o.tingkat, o.kode_wilayah, any_value(o.nama_wilayah) as nama_wilayah,
        any_value(o.tps_total) as tps_total, any_value(o.tps_progres) as tps_progres,
    from ours as o
    semi join their_levels as l on l.jenis = o.jenis and l.kode_kontes = o.kode_kontes and l.tingkat = o.tingkat
    group by o.jenis, o.kode_kontes, o.tingkat, o.kode_wilayah
),
unit_theirs as (
    select jenis, kode_kontes, tingkat, kode_wilayah,
        any_value(tps_total) as tps_total, any_value(tps_progres) as tps_progres,
    from theirs
    group by jenis, kode_kontes, tingkat, kode_wilayah
),
units as (
    select
        coalesce(o.jenis, t.jenis) as jenis,
        coalesce(o.kode_kontes, t.kode_kontes) as kode_kontes,
        coalesce(o.tingkat, t.tingkat) as tingkat,
        coalesce(o.kode_wilayah, t.kode_wilayah) as kode_wilayah,
        coalesce(o.nama_wilayah, '') as nama_wilayah,
        o.kode_wilayah is not null as di_rekap,
        t.kode_wilayah is not null as di_pembanding,
        o.tps_total as tps_total_rekap,
        o.tps_progres as tps_progres_rekap,
        t.tps_total as tps_total_pembanding,
        t.tps_progres as tps_progres_pembanding,
    from unit_ours as o
    full join unit_theirs as t
        on t.jenis = o.jenis and t.kode_kontes = o.kode_kontes and t.tingkat = o.tingkat
        and t.kode_wilayah = o.kode_wilayah
),
columns_of_contest as (
    select jenis, kode_kontes, nomor_urut, any_value(nama_paslon) as nama_paslon
    from ours
    where nomor_urut is not null
    group by jenis, kode_kontes, nomor_urut
    union all
    select distinct t.jenis, t.kode_kontes, t.nomor_urut, ''
    from theirs as t
    anti join ours as o on o.jenis = t.jenis and o.kode_kontes = t.kode_kontes and o.nomor_urut = t.nomor_urut
    where t.nomor_urut is not null
),
grid as (
    select u.*, c.nomor_urut, coalesce(c.nama_paslon, '') as nama_paslon
    from units as u
    join columns_of_contest as c on c.jenis = u.jenis and c.kode_kontes = u.kode_kontes
),
compared as (
    select
        g.*,
        o.suara as suara_rekap,
        t.suara as suara_pembanding,
    from grid as g
    left join ours as o
        on o.jenis = g.jenis and o.kode_kontes = g.kode_kontes and o.tingkat = g.tingkat
        and o.kode_wilayah = g.kode_wilayah and o.nomor_urut = g.nomor_urut
    left join theirs as t
        on t.jenis = g.jenis and t.kode_kontes = g.kode_kontes and t.tingkat = g.tingkat
        and t.kode_wilayah = g.kode_wilayah and t.nomor_urut = g.nomor_urut
),
judged as (
    select
        *,
        case
            when not di_rekap then 'tidak_ada_di_rekap'
            when not di_pembanding then 'tidak_ada_di_pembanding'
            when tps_total_rekap is distinct from tps_total_pembanding then 'jumlah_tps_beda'
            when tps_progres_rekap is distinct from tps_progres_pembanding then 'progres_tps_beda'
            when bool_or((suara_rekap is null) <> (suara_pembanding is null))
                over (partition by jenis, kode_kontes, tingkat, kode_wilayah) then 'angka_tidak_lengkap'
            else ''
        end as keterangan,
        bool_or(suara_rekap <> suara_pembanding)
            over (partition by jenis, kode_kontes, tingkat, kode_wilayah) as ada_beda,
    from compared
),
final as (
    select
        jenis,
        kode_kontes,
        tingkat,
        kode_wilayah,
        nama_wilayah,
        nomor_urut,
        nama_paslon,
        suara_rekap,
        suara_pembanding,
        suara_rekap - suara_pembanding as selisih,
        tps_total_rekap,
        tps_progres_rekap,
        tps_total_pembanding,
        tps_progres_pembanding,
        case
            when keterangan <> '' then 'tidak_sebanding'
            when suara_rekap is not distinct from suara_pembanding then 'sama'
            else 'beda'
        end as status,
        case when keterangan <> '' then 'tidak_sebanding' when ada_beda then 'beda' else 'sama' end as status_unit,
        keterangan,
    from judged
)
select * from final
