-- cek_tps: one row per (contest, TPS) expected or submitted: the form that counts and every
-- derived figure the TPS gate (expectations/tps.json) checks. Numbers of a TPS with no form are 0
-- and its flags clear, so only the completeness rule speaks for it. `_baris` keys the findings.
create or replace table cek_tps as
with
expected as (
    select jenis, kode_kontes, kode_tps from tps_kontes
),
submissions as (
    select jenis, kode_kontes, kode_tps, count(*) as n_pengiriman, max(diterima_pada) as waktu_terakhir,
    from c_hasil
    group by jenis, kode_kontes, kode_tps
),
-- submissions that cannot be told apart from the one that counts: the same latest time, or none
ties as (
    select c.jenis, c.kode_kontes, c.kode_tps, count(*) as n_kembar,
    from c_hasil as c
    join submissions as s
        on s.jenis = c.jenis and s.kode_kontes = c.kode_kontes and s.kode_tps = c.kode_tps
        and c.diterima_pada is not distinct from s.waktu_terakhir
    group by c.jenis, c.kode_kontes, c.kode_tps
),
votes as (
    select
        v.jenis, v.kode_kontes, v.kode_tps,
        sum(v.suara)::bigint as jumlah_suara_paslon,
        max(v.suara) filter (where p.nomor_urut is not null) as suara_tertinggi,
        count(*) filter (where p.nomor_urut is null) as n_paslon_tidak_dikenal,
        string_agg(v.nomor_urut::varchar, ', ' order by v.nomor_urut) filter (where p.nomor_urut is null)
            as nomor_tidak_dikenal,
        count(p.nomor_urut) as n_paslon_ada,
    from suara_form as v
    left join paslon as p
        on p.jenis = v.jenis and p.kode_kontes = v.kode_kontes and p.nomor_urut = v.nomor_urut
    group by v.jenis, v.kode_kontes, v.kode_tps
),
missing_columns as (
    select
        f.jenis, f.kode_kontes, f.kode_tps,
        count(*) as n_paslon_hilang,
        string_agg(p.nomor_urut::varchar, ', ' order by p.nomor_urut) as nomor_hilang,
    from form as f
    join paslon as p on p.jenis = f.jenis and p.kode_kontes = f.kode_kontes
    anti join suara_form as v
        on v.jenis = f.jenis and v.kode_kontes = f.kode_kontes and v.kode_tps = f.kode_tps
        and v.nomor_urut = p.nomor_urut
    group by f.jenis, f.kode_kontes, f.kode_tps
),
universe as (
    select jenis, kode_kontes, kode_tps from expected
    union
    select jenis, kode_kontes, kode_tps from form
),
joined as (
    select
        u.jenis,
        u.kode_kontes,
        u.kode_tps,
        (e.kode_tps is not null)::integer as di_daftar,
        (f.kode_tps is not null)::integer as tps_masuk,
        coalesce(s.n_pengiriman, 0) as n_pengiriman,
        case when coalesce(t.n_kembar, 0) > 1 then t.n_kembar else 0 end as n_kembar,
        coalesce(vt.n_paslon_tidak_dikenal, 0) as n_paslon_tidak_dikenal,
        coalesce(vt.nomor_tidak_dikenal, '') as nomor_tidak_dikenal,
        coalesce(m.n_paslon_hilang, 0) as n_paslon_hilang,
        coalesce(m.nomor_hilang, '') as nomor_hilang,
        coalesce(vt.jumlah_suara_paslon, 0) as jumlah_suara_paslon,
        coalesce(vt.suara_tertinggi, 0) as suara_tertinggi,
        coalesce(columns(f.* exclude (jenis, kode_kontes, kode_tps, pengiriman)), 0),
        coalesce(d.dpt_l + d.dpt_p, 0) as dpt_daftar,
    from universe as u
    left join expected as e on e.jenis = u.jenis and e.kode_kontes = u.kode_kontes and e.kode_tps = u.kode_tps
    left join form as f on f.jenis = u.jenis and f.kode_kontes = u.kode_kontes and f.kode_tps = u.kode_tps
    left join submissions as s on s.jenis = u.jenis and s.kode_kontes = u.kode_kontes and s.kode_tps = u.kode_tps
    left join ties as t on t.jenis = u.jenis and t.kode_kontes = u.kode_kontes and t.kode_tps = u.kode_tps
    left join votes as vt on vt.jenis = u.jenis and vt.kode_kontes = u.kode_kontes and vt.kode_tps = u.kode_tps
    left join missing_columns as m on m.jenis = u.jenis and m.kode_kontes = u.kode_kontes and m.kode_tps = u.kode_tps
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
        -- KawalPemilu's flag: the pairs' votes above 1.02 × DPT (integer form: 100 × votes > 102 × DPT)
        (dpt_l + dpt_p) * 102 // 100 as batas_suara_dpt,
        -- turnout in basis points of the registered voters (0 where nothing was submitted)
        case when tps_masuk = 1 and pemilih_jumlah > 0
            then (pengguna_jumlah * 10000 // pemilih_jumlah)::bigint else 0 end as partisipasi_bp,
    from joined
),
neighbours as (
    select
        *,
        case when tps_masuk = 1 and count(*) filter (where tps_masuk = 1) over (partition by kode_tps) = 2
            then (sum(pengguna_jumlah) over (partition by kode_tps) - pengguna_jumlah)::bigint
            else pengguna_jumlah end as pengguna_kontes_lain,
        median(partisipasi_bp) filter (where tps_masuk = 1)
            over (partition by jenis, kode_kontes, left(kode_tps, 6)) as median_partisipasi_bp,
    from derived
),
final as (
    select
        row_number() over (order by jenis, kode_kontes, kode_tps) - 1 as _baris,
        * exclude (median_partisipasi_bp),
        coalesce(median_partisipasi_bp, 0)::bigint as median_partisipasi_bp,
        case when tps_masuk = 1
            then abs(partisipasi_bp - coalesce(median_partisipasi_bp, partisipasi_bp))::bigint
            else 0 end as jarak_median_bp,
        (tps_masuk = 1 and (ss_diterima < ss_minimal or ss_diterima > ss_maksimal))::integer as ss_menyimpang,
        (tps_masuk = 1 and suara_sah > 0 and suara_tertinggi = suara_sah)::integer as satu_paslon_semua,
        (tps_masuk = 1 and di_daftar = 1 and dpt_l + dpt_p <> dpt_daftar)::integer as dpt_beda_daftar,
    from neighbours
)
select * from final
order by _baris
