-- floor administrasi: one row per (contest, level, unit) from desa up: TPS counts, every form
-- count summed over the TPS that passed, and whether the unit is final (every TPS in and passed).
-- A regent/mayor contest ends at its kab/kota; only governor contests reach the province.
create or replace temp table administrasi as
with
desa as (
    select
        jenis, kode_kontes, left(kode_tps, 10) as kode_wilayah,
        count_if(di_daftar) as tps_total,
        count_if(masuk) as tps_masuk,
        count_if(lolos) as tps_lolos,
        coalesce(sum(columns([
            'dpt_l', 'dpt_p', 'dpph_l', 'dpph_p', 'dptb_l', 'dptb_p', 'pemilih_jumlah',
            'pengguna_dpt_l', 'pengguna_dpt_p', 'pengguna_dpph_l', 'pengguna_dpph_p',
            'pengguna_dptb_l', 'pengguna_dptb_p', 'pengguna_jumlah',
            'disabilitas_l', 'disabilitas_p', 'pengguna_disabilitas_l', 'pengguna_disabilitas_p',
            'ss_diterima', 'ss_rusak', 'ss_tidak_digunakan', 'ss_digunakan',
            'suara_sah', 'suara_tidak_sah', 'suara_total'
        ])) filter (where lolos), 0)::bigint,
        bool_and(lolos) as final,
    from cek_tps
    group by jenis, kode_kontes, left(kode_tps, 10)
),
kecamatan as (
    select jenis, kode_kontes, left(kode_wilayah, 6) as kode_wilayah,
        sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, final)))::bigint, bool_and(final) as final,
    from desa group by jenis, kode_kontes, left(kode_wilayah, 6)
),
kabkota as (
    select jenis, kode_kontes, left(kode_wilayah, 4) as kode_wilayah,
        sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, final)))::bigint, bool_and(final) as final,
    from kecamatan group by jenis, kode_kontes, left(kode_wilayah, 4)
),
provinsi as (
    select jenis, kode_kontes, left(kode_wilayah, 2) as kode_wilayah,
        sum(columns(* exclude (jenis, kode_kontes, kode_wilayah, final)))::bigint, bool_and(final) as final,
    from kabkota where jenis = 'pkwkp' group by jenis, kode_kontes, left(kode_wilayah, 2)
)
select 'desa' as tingkat, * from desa
union all by name select 'kecamatan' as tingkat, * from kecamatan
union all by name select 'kabkota' as tingkat, * from kabkota
union all by name select 'provinsi' as tingkat, * from provinsi
