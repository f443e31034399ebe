-- penetapan: one row per contest: the determination of its result from its top unit (province for
-- a governor contest, kab/kota for a regent/mayor one: table puncak), decided only when it is final.
create or replace table penetapan as
with
top_units as (
    select distinct jenis, kode_kontes, suara_sah, status from puncak
),
top_votes as (
    select jenis, kode_kontes, nomor_urut, suara from puncak
),
ranked as (
    select
        p.jenis,
        p.kode_kontes,
        p.nomor_urut,
        p.nama,
        p.kolom_kosong,
        coalesce(v.suara, 0) as suara,
        -- on equal votes the empty column ranks first: a single pair needs more than half
        row_number() over (
            partition by p.jenis, p.kode_kontes
            order by coalesce(v.suara, 0) desc, p.kolom_kosong desc, p.nomor_urut
        ) as peringkat,
    from paslon as p
    left join top_votes as v
        on v.jenis = p.jenis and v.kode_kontes = p.kode_kontes and v.nomor_urut = p.nomor_urut
),
leaders as (
    select
        jenis,
        kode_kontes,
        any_value(nomor_urut) filter (where peringkat = 1) as nomor_urut,
        any_value(nama) filter (where peringkat = 1) as nama_paslon,
        any_value(kolom_kosong) filter (where peringkat = 1) as pertama_kolom_kosong,
        any_value(suara) filter (where peringkat = 1) as suara,
        coalesce(any_value(suara) filter (where peringkat = 2), 0) as suara_kedua,
        count(*) filter (where not kolom_kosong) as n_paslon,
        bool_or(kolom_kosong) as ada_kolom_kosong,
    from ranked
    group by jenis, kode_kontes
),
thresholds as (
    select
        k.jenis,
        k.kode_kontes,
        -- UU 10/2016 Pasal 158: population bands of the province (governor) or kab/kota
        case
            when pd.total is null then null
            when k.jenis = 'pkwkp' then case
                when pd.total <= 2000000 then 2.0
                when pd.total <= 6000000 then 1.5
                when pd.total <= 12000000 then 1.0
                else 0.5 end
            else case
                when pd.total <= 250000 then 2.0
                when pd.total <= 500000 then 1.5
                when pd.total <= 1000000 then 1.0
                else 0.5 end
        end::decimal(3, 1) as ambang_mk_persen,
    from kontes as k
    left join penduduk as pd on pd.kode = k.kode_kontes
),
decided as (
    select
        l.jenis,
        l.kode_kontes,
        case
            when u.status is distinct from 'final' then 'sementara'
            -- single pair against the empty column: elected only with more than 50 % (Pasal 54D)
            when l.ada_kolom_kosong and l.n_paslon = 1 then
                case when not l.pertama_kolom_kosong and l.suara * 2 > u.suara_sah
                    then 'terpilih' else 'kolom_kosong_menang' end
            -- equal votes at the top: the law's tie rule needs a decision, never a guess
            when l.suara = l.suara_kedua then 'seri'
            else 'terpilih'
        end as status,
        l.nomor_urut,
        l.nama_paslon,
        l.suara,
        persen_2d(l.suara, u.suara_sah) as persen,
        coalesce(u.suara_sah, 0) as suara_sah,
        l.suara - l.suara_kedua as selisih_suara,
        persen_2d(l.suara - l.suara_kedua, u.suara_sah) as selisih_persen,
        t.ambang_mk_persen,
        -- on integers, no rounding: margin / suara_sah <= threshold / 100
        (l.suara - l.suara_kedua)::hugeint * 1000
            <= (t.ambang_mk_persen * 10)::integer * coalesce(u.suara_sah, 0)::hugeint
            as dapat_diajukan_ke_mk,
    from leaders as l
    left join top_units as u on u.jenis = l.jenis and u.kode_kontes = l.kode_kontes
    left join thresholds as t on t.jenis = l.jenis and t.kode_kontes = l.kode_kontes
)
select * from decided
order by jenis, kode_kontes
