-- cek_tps: one row per (contest, TPS) expected or submitted: the form that counts and every
-- derived figure the TPS gate (expectations/tps.json) checks. Numbers of a TPS with no form are 0
-- and its flags clear, so only the completeness rule speaks for it. `_baris` keys the findings.
-- (A contest's code follows from jenis and the TPS code, so (jenis, kode_tps) is the key.)
create or replace temp table cek_tps as
with
universe as (
    select jenis, kode_kontes, kode_tps, true as di_daftar from tps_kontes
    union all
    select f.jenis, f.kode_kontes, f.kode_tps, false
    from form as f
    anti join tps_kontes as e on e.jenis = f.jenis and e.kode_tps = f.kode_tps
),
-- TPS that sent their form more than once (c_hasil.pengiriman numbers the submissions): so few
-- that only they are grouped; every other TPS with a form sent it once
resent as (
    select distinct jenis, kode_tps from c_hasil where pengiriman > 1
),
submissions as (
    select c.jenis, c.kode_tps, count(*) as n_pengiriman, max(c.diterima_pada) as waktu_terakhir,
    from c_hasil as c
    semi join resent as r on r.jenis = c.jenis and r.kode_tps = c.kode_tps
    group by c.jenis, c.kode_tps
),
-- a resubmitted form that cannot be told apart from the one that counts: the same latest time,
-- or none at all (only TPS that sent more than once can have such ties)
ties as (
    select c.jenis, c.kode_tps, count(*) as n_kembar,
    from c_hasil as c
    join submissions as s
        on s.n_pengiriman > 1 and s.jenis = c.jenis and s.kode_tps = c.kode_tps
        and c.diterima_pada is not distinct from s.waktu_terakhir
    group by c.jenis, c.kode_tps
),
votes as (
    select
        v.jenis, v.kode_tps,
        sum(v.suara)::bigint as jumlah_suara_paslon,
        max(v.suara) filter (where p.nomor_urut is not null) as suara_tertinggi,
        count(*) filter (where p.nomor_urut is null) as n_paslon_tidak_dikenal,
        string_agg(v.nomor_urut::varchar, ', ' order by v.nomor_urut) filter (where p.nomor_urut is null)
            as nomor_tidak_dikenal,
        count(p.nomor_urut) as n_paslon_ada,
    from suara_form as v
    left join paslon as p
        on p.jenis = v.jenis and p.kode_kontes = v.kode_kontes and p.nomor_urut = v.nomor_urut
    group by v.jenis, v.kode_tps
),
-- the other ballot of the same TPS: its voters should be the same people
per_tps as (
    select kode_tps, count(*) as n_form, sum(pengguna_jumlah) as pengguna_semua,
    from form
    group by kode_tps
),
joined as (
    select
        u.jenis,
        u.kode_kontes,
        u.kode_tps,
        u.di_daftar::integer as di_daftar,
        (f.kode_tps is not null)::integer as tps_masuk,
        coalesce(s.n_pengiriman, (f.kode_tps is not null)::bigint) as n_pengiriman,
        coalesce(t.n_kembar, 0) as n_kembar,
        coalesce(v.n_paslon_tidak_dikenal, 0) as n_paslon_tidak_dikenal,
        coalesce(v.nomor_tidak_dikenal, '') as nomor_tidak_dikenal,
        case when f.kode_tps is null then 0 else k.n_kolom - coalesce(v.n_paslon_ada, 0) end as n_paslon_hilang,
        coalesce(v.jumlah_suara_paslon, 0) as jumlah_suara_paslon,
        coalesce(v.suara_tertinggi, 0) as suara_tertinggi,
        coalesce(columns(f.* exclude (jenis, kode_kontes, kode_tps, pengiriman)), 0),
        coalesce(d.dpt_l + d.dpt_p, 0) as dpt_daftar,
        case when f.kode_tps is not null and pt.n_form = 2
            then (pt.pengguna_semua - f.pengguna_jumlah)::bigint
            else coalesce(f.pengguna_jumlah, 0) end as pengguna_kontes_lain,
    from universe as u
    join kontes as k on k.jenis = u.jenis and k.kode_kontes = u.kode_kontes
    left join form as f on f.jenis = u.jenis and f.kode_tps = u.kode_tps
    left join submissions as s on s.jenis = u.jenis and s.kode_tps = u.kode_tps
    left join ties as t on t.jenis = u.jenis and t.kode_tps = u.kode_tps and t.n_kembar > 1
    left join votes as v on v.jenis = u.jenis and v.kode_tps = u.kode_tps
    left join per_tps as pt on pt.kode_tps = u.kode_tps
    left join tps as d on d.kode_tps = u.kode_tps
),
derived as (
    select
        *,
        dpt_l + dpt_p as dpt,
        suara_sah + suara_tidak_sah as sah_tambah_tidak_sah,
        dpt_l + dpt_p + dpph_l + dpph_p + dptb_l + dptb_p as pemilih_rincian,
        pengguna_dpt_l + pengguna_dpt_p + pengguna_dpph_l + pengguna_dpph_p
            + pengguna_dptb_l + pengguna_dptb_p as pengguna_rincian,
        ss_rusak + ss_tidak_digunakan + ss_digunakan as ss_rincian,
        -- received ballots: DPT plus the 2.5 % reserve rounded up, plus at most one per DPTb voter
        dpt_l + dpt_p + (dpt_l + dpt_p + 39) // 40 as ss_minimal,
        dpt_l + dpt_p + (dpt_l + dpt_p + 39) // 40 + dptb_l + dptb_p as ss_maksimal,
        -- KawalPemilu's flag: the pairs' votes above 1.02 × DPT (on integers)
        (dpt_l + dpt_p) * 102 // 100 as batas_suara_dpt,
        -- turnout in basis points of the registered voters (0 where nothing was submitted)
        case when tps_masuk = 1 and pemilih_jumlah > 0
            then (pengguna_jumlah * 10000 // pemilih_jumlah)::bigint else 0 end as partisipasi_bp,
    from joined
),
-- median turnout of each kecamatan and contest, over the forms that came in
kecamatan_median as (
    select
        jenis, left(kode_tps, 6) as kode_kecamatan,
        median(case when pemilih_jumlah > 0 then pengguna_jumlah * 10000 // pemilih_jumlah else 0 end)::bigint
            as median_partisipasi_bp,
    from form
    group by all
),
-- names of the ballot numbers missing from a form: only for the few forms that miss some
missing_numbers as (
    select f.jenis, f.kode_tps, string_agg(p.nomor_urut::varchar, ', ' order by p.nomor_urut) as nomor_hilang,
    from form as f
    join kontes as k on k.jenis = f.jenis and k.kode_kontes = f.kode_kontes
    left join votes as v on v.jenis = f.jenis and v.kode_tps = f.kode_tps
    join paslon as p on p.jenis = f.jenis and p.kode_kontes = f.kode_kontes
    where k.n_kolom > coalesce(v.n_paslon_ada, 0)
        and not exists (
            select 1 from suara_form as s
            where s.jenis = f.jenis and s.kode_tps = f.kode_tps and s.nomor_urut = p.nomor_urut
        )
    group by all
),
final as (
    select
        row_number() over () - 1 as _baris,
        d.*,
        coalesce(m.nomor_hilang, '') as nomor_hilang,
        coalesce(km.median_partisipasi_bp, 0) as median_partisipasi_bp,
        case when d.tps_masuk = 1 then abs(d.partisipasi_bp - km.median_partisipasi_bp) else 0 end
            as jarak_median_bp,
        (d.tps_masuk = 1 and (d.ss_diterima < d.ss_minimal or d.ss_diterima > d.ss_maksimal))::integer
            as ss_menyimpang,
        (d.tps_masuk = 1 and d.suara_sah > 0 and d.suara_tertinggi = d.suara_sah)::integer as satu_paslon_semua,
        (d.tps_masuk = 1 and d.di_daftar = 1 and d.dpt_l + d.dpt_p <> d.dpt_daftar)::integer as dpt_beda_daftar,
    from derived as d
    left join kecamatan_median as km on km.jenis = d.jenis and km.kode_kecamatan = left(d.kode_tps, 6)
    left join missing_numbers as m on m.jenis = d.jenis and m.kode_tps = d.kode_tps
)
select * from final
