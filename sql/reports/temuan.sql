-- reports/temuan: every finding of every contest, with the name of the region it is about (for a
-- TPS: its desa/kelurahan), in the order of pengecualian.csv.
select
    t.jenis,
    t.kode_kontes,
    t.tingkat,
    t.kode_wilayah,
    -- the region a finding names: for a TPS, its desa/kelurahan
    case when t.tingkat = 'tps' then left(t.kode_wilayah, 10) else t.kode_wilayah end as kode_daerah,
    coalesce(w.nama, '') as nama_wilayah,
    coalesce(t.kode_tps, '') as kode_tps,
    t.aturan,
    t.keparahan,
    t.keterangan,
from temuan as t
left join wilayah as w
    on w.kode = case when t.tingkat = 'tps' then left(t.kode_wilayah, 10) else t.kode_wilayah end
order by t.jenis, t.kode_kontes, urutan_tingkat(t.tingkat), t.kode_wilayah, t.kode_tps, t.aturan, t.keterangan
