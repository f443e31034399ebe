-- reports/formulir: the figures of every D.Hasil form of one level ($tingkat: kecamatan, kabkota,
-- provinsi) for all units of all contests at once. Per unit: one row per column of the form (its
-- children: desa, kecamatan or kab/kota; peran = 'kolom') and one row for the unit itself (its
-- JUMLAH AKHIR; peran = 'jumlah'). The L/P sums of the form are derived here; `suara` lists the
-- votes of every ballot column of the contest in nomor_urut order.
with
level as (
    select tingkat, anak, panjang from tingkat where tingkat.tingkat = $tingkat
),
units as (
    -- the form's columns: the units of the child level, under their parent of this level
    select l.tingkat, 'kolom' as peran, left(a.kode_wilayah, l.panjang) as kode_unit, a.* exclude (tingkat)
    from administrasi as a
    join level as l on a.tingkat = l.anak
    -- a province's form has a column for each kab/kota of its governor contest only
    where l.tingkat <> 'provinsi' or a.jenis = 'pkwkp'
    union all by name
    -- the unit itself: its JUMLAH AKHIR
    select l.tingkat, 'jumlah' as peran, a.kode_wilayah as kode_unit, a.* exclude (tingkat)
    from administrasi as a
    join level as l on a.tingkat = l.tingkat
),
votes as (
    select h.tingkat, h.jenis, h.kode_kontes, h.kode_wilayah, h.nomor_urut, h.suara
    from hasil as h
    join level as l on h.tingkat in (l.tingkat, l.anak)
),
columns_of_units as (
    -- every ballot column of the contest for every row, zero where no vote row exists
    select
        u.jenis,
        u.kode_kontes,
        u.kode_wilayah,
        list(coalesce(v.suara, 0) order by p.nomor_urut) as suara,
    from (select distinct jenis, kode_kontes, kode_wilayah from units) as u
    join paslon as p on p.jenis = u.jenis and p.kode_kontes = u.kode_kontes
    left join votes as v
        on v.jenis = u.jenis and v.kode_kontes = u.kode_kontes
        and v.kode_wilayah = u.kode_wilayah and v.nomor_urut = p.nomor_urut
    group by u.jenis, u.kode_kontes, u.kode_wilayah
),
final as (
    select
        u.jenis,
        u.kode_kontes,
        u.kode_unit,
        u.peran,
        u.kode_wilayah,
        coalesce(w.nama, '') as nama_wilayah,
        coalesce(wk.nama, '') as nama_kabkota,
        coalesce(wp.nama, '') as nama_provinsi,
        u.status,
        u.tps_total, u.tps_masuk, u.tps_lolos,
        u.dpt_l, u.dpt_p, u.dpt_l + u.dpt_p as dpt_jumlah,
        u.dpph_l, u.dpph_p, u.dpph_l + u.dpph_p as dpph_jumlah,
        u.dptb_l, u.dptb_p, u.dptb_l + u.dptb_p as dptb_jumlah,
        u.dpt_l + u.dpph_l + u.dptb_l as pemilih_l,
        u.dpt_p + u.dpph_p + u.dptb_p as pemilih_p,
        u.pemilih_jumlah,
        u.pengguna_dpt_l, u.pengguna_dpt_p, u.pengguna_dpt_l + u.pengguna_dpt_p as pengguna_dpt_jumlah,
        u.pengguna_dpph_l, u.pengguna_dpph_p, u.pengguna_dpph_l + u.pengguna_dpph_p as pengguna_dpph_jumlah,
        u.pengguna_dptb_l, u.pengguna_dptb_p, u.pengguna_dptb_l + u.pengguna_dptb_p as pengguna_dptb_jumlah,
        u.pengguna_dpt_l + u.pengguna_dpph_l + u.pengguna_dptb_l as pengguna_l,
        u.pengguna_dpt_p + u.pengguna_dpph_p + u.pengguna_dptb_p as pengguna_p,
        u.pengguna_jumlah,
        u.disabilitas_l, u.disabilitas_p, u.disabilitas_l + u.disabilitas_p as disabilitas_jumlah,
        u.pengguna_disabilitas_l, u.pengguna_disabilitas_p,
        u.pengguna_disabilitas_l + u.pengguna_disabilitas_p as pengguna_disabilitas_jumlah,
        u.ss_diterima, u.ss_rusak, u.ss_tidak_digunakan, u.ss_digunakan,
        coalesce(c.suara, []) as suara,
        u.suara_sah, u.suara_tidak_sah, u.suara_total,
    from units as u
    left join columns_of_units as c
        on c.jenis = u.jenis and c.kode_kontes = u.kode_kontes and c.kode_wilayah = u.kode_wilayah
    left join wilayah as w on w.kode = u.kode_wilayah
    left join wilayah as wk on wk.kode = left(u.kode_unit, 4)
    left join wilayah as wp on wp.kode = left(u.kode_unit, 2)
)
select * from final
order by jenis, kode_kontes, kode_unit, peran = 'jumlah', kode_wilayah
