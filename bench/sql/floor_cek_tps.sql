-- floor cek_tps: one row per (contest, TPS) expected or submitted, with the form that counts and
-- one boolean gagal_<aturan> per rule of rekap's TPS gate (expectations/tps.json): true = broken.
-- A TPS passes (lolos) when it is in the master list, its form came in and no error rule broke.
create or replace temp table cek_tps as
with
kontes as (
    select jenis, kode_kontes, count(*) as n_kolom from paslon group by jenis, kode_kontes
),
expected as (
    select k.jenis, k.kode_kontes, t.kode_tps, t.dpt_l + t.dpt_p as dpt_daftar
    from tps as t join kontes as k on k.jenis = 'pkwkp' and k.kode_kontes = left(t.kode_tps, 2)
    union all
    select k.jenis, k.kode_kontes, t.kode_tps, t.dpt_l + t.dpt_p
    from tps as t join kontes as k on k.jenis = 'pkwkk' and k.kode_kontes = left(t.kode_tps, 4)
),
-- without submission times the last submission counts, and two or more cannot be told apart
form as (
    select * exclude (_rec), count(*) over (partition by jenis, kode_tps) as n_pengiriman
    from c_hasil
    qualify row_number() over (partition by jenis, kode_tps order by _rec desc) = 1
),
per_tps as (
    select kode_tps, count(*) as n_form, sum(pengguna_jumlah) as pengguna_semua from form group by kode_tps
),
kecamatan_median as (
    select jenis, left(kode_tps, 6) as kode_kecamatan,
        median(case when pemilih_jumlah > 0 then pengguna_jumlah * 10000 // pemilih_jumlah else 0 end)::bigint
            as median_bp,
    from form
    group by all
),
votes as (
    select v.jenis, v.kode_tps,
        sum(v.suara) as jumlah_suara_paslon,
        count(*) filter (where p.nomor_urut is null) as n_tidak_dikenal,
        count(p.nomor_urut) as n_ada,
        max(v.suara) filter (where p.nomor_urut is not null) as suara_tertinggi,
    from suara as v
    left join paslon as p on p.jenis = v.jenis and p.kode_kontes = v.kode_kontes and p.nomor_urut = v.nomor_urut
    group by v.jenis, v.kode_tps
),
joined as (
    select
        coalesce(e.jenis, f.jenis) as jenis,
        coalesce(e.kode_kontes, f.kode_kontes) as kode_kontes,
        coalesce(e.kode_tps, f.kode_tps) as kode_tps,
        e.kode_tps is not null as di_daftar,
        f.kode_tps is not null as masuk,
        e.dpt_daftar,
        f.* exclude (jenis, kode_kontes, kode_tps),
    from expected as e
    full join form as f on f.jenis = e.jenis and f.kode_kontes = e.kode_kontes and f.kode_tps = e.kode_tps
),
checked as (
    select
        j.*,
        not j.masuk as gagal_formulir_belum_masuk,
        not j.di_daftar as gagal_tps_tidak_terdaftar,
        coalesce(j.n_pengiriman > 1, false) as gagal_pengiriman_bertabrakan,
        coalesce(v.n_tidak_dikenal > 0, false) as gagal_paslon_tidak_dikenal,
        j.masuk and k.n_kolom <> coalesce(v.n_ada, 0) as gagal_paslon_tidak_lengkap,
        j.masuk and coalesce(v.jumlah_suara_paslon, 0) <> j.suara_sah as gagal_suara_paslon_sama_suara_sah,
        j.masuk and j.suara_sah + j.suara_tidak_sah <> j.suara_total as gagal_sah_tambah_tidak_sah_sama_total,
        j.masuk and j.suara_total <> j.pengguna_jumlah as gagal_jumlah_suara_sama_pengguna,
        j.masuk and j.ss_digunakan <> j.pengguna_jumlah as gagal_surat_suara_digunakan_sama_pengguna,
        j.masuk and j.pengguna_dpt_l + j.pengguna_dpt_p + j.pengguna_dpph_l + j.pengguna_dpph_p
            + j.pengguna_dptb_l + j.pengguna_dptb_p <> j.pengguna_jumlah as gagal_pengguna_sama_rincian,
        j.masuk and j.dpt_l + j.dpt_p + j.dpph_l + j.dpph_p + j.dptb_l + j.dptb_p <> j.pemilih_jumlah
            as gagal_pemilih_sama_rincian,
        j.masuk and j.ss_rusak + j.ss_tidak_digunakan + j.ss_digunakan <> j.ss_diterima
            as gagal_surat_suara_seimbang,
        j.masuk and j.pengguna_dpt_l > j.dpt_l as gagal_pengguna_dpt_l_melebihi_terdaftar,
        j.masuk and j.pengguna_dpt_p > j.dpt_p as gagal_pengguna_dpt_p_melebihi_terdaftar,
        j.masuk and j.pengguna_dpph_l > j.dpph_l as gagal_pengguna_dpph_l_melebihi_terdaftar,
        j.masuk and j.pengguna_dpph_p > j.dpph_p as gagal_pengguna_dpph_p_melebihi_terdaftar,
        j.masuk and j.pengguna_dptb_l > j.dptb_l as gagal_pengguna_dptb_l_melebihi_terdaftar,
        j.masuk and j.pengguna_dptb_p > j.dptb_p as gagal_pengguna_dptb_p_melebihi_terdaftar,
        j.masuk and j.pengguna_disabilitas_l > j.disabilitas_l as gagal_pengguna_disabilitas_l_melebihi_terdaftar,
        j.masuk and j.pengguna_disabilitas_p > j.disabilitas_p as gagal_pengguna_disabilitas_p_melebihi_terdaftar,
        j.masuk and j.pengguna_jumlah > j.pemilih_jumlah as gagal_partisipasi_melebihi_100_persen,
        -- warnings: reported, never holding a TPS
        j.masuk and coalesce(v.jumlah_suara_paslon, 0) > (j.dpt_l + j.dpt_p) * 102 // 100
            as gagal_suara_melebihi_1_02_dpt,
        j.masuk and (j.ss_diterima < j.dpt_l + j.dpt_p + (j.dpt_l + j.dpt_p + 39) // 40
            or j.ss_diterima > j.dpt_l + j.dpt_p + (j.dpt_l + j.dpt_p + 39) // 40 + j.dptb_l + j.dptb_p)
            as gagal_surat_suara_diterima_menyimpang,
        j.masuk and pt.n_form = 2 and pt.pengguna_semua - j.pengguna_jumlah <> j.pengguna_jumlah
            as gagal_pengguna_beda_antar_kontes,
        j.masuk and j.suara_sah > 0 and v.suara_tertinggi = j.suara_sah as gagal_satu_paslon_100_persen,
        j.masuk and abs(case when j.pemilih_jumlah > 0 then j.pengguna_jumlah * 10000 // j.pemilih_jumlah else 0 end
            - km.median_bp) > 3000 as gagal_partisipasi_jauh_dari_median,
        j.masuk and j.di_daftar and j.dpt_l + j.dpt_p <> j.dpt_daftar as gagal_dpt_beda_dengan_daftar,
    from joined as j
    join kontes as k on k.jenis = j.jenis and k.kode_kontes = j.kode_kontes
    left join votes as v on v.jenis = j.jenis and v.kode_tps = j.kode_tps
    left join per_tps as pt on pt.kode_tps = j.kode_tps
    left join kecamatan_median as km on km.jenis = j.jenis and km.kode_kecamatan = left(j.kode_tps, 6)
)
select
    * exclude (dpt_daftar, n_pengiriman),
    di_daftar and masuk and not (
        gagal_formulir_belum_masuk or gagal_tps_tidak_terdaftar or gagal_pengiriman_bertabrakan
        or gagal_paslon_tidak_dikenal or gagal_paslon_tidak_lengkap or gagal_suara_paslon_sama_suara_sah
        or gagal_sah_tambah_tidak_sah_sama_total or gagal_jumlah_suara_sama_pengguna
        or gagal_surat_suara_digunakan_sama_pengguna or gagal_pengguna_sama_rincian
        or gagal_pemilih_sama_rincian or gagal_surat_suara_seimbang
        or gagal_pengguna_dpt_l_melebihi_terdaftar or gagal_pengguna_dpt_p_melebihi_terdaftar
        or gagal_pengguna_dpph_l_melebihi_terdaftar or gagal_pengguna_dpph_p_melebihi_terdaftar
        or gagal_pengguna_dptb_l_melebihi_terdaftar or gagal_pengguna_dptb_p_melebihi_terdaftar
        or gagal_pengguna_disabilitas_l_melebihi_terdaftar or gagal_pengguna_disabilitas_p_melebihi_terdaftar
        or gagal_partisipasi_melebihi_100_persen
    ) as lolos,
from checked
