-- Explain (asal angka): one cell of a published release — a unit's column and the same column at
-- every TPS under it — read from the release's own files (tables loaded by read/portal_muat_*.sql).
-- One row for the unit ($tingkat, $kode) and one per TPS whose code starts with $kode, in each
-- contest the unit belongs to ($jenis null: every contest). The value is hasil.suara of ballot
-- number $nomor_urut, or, when $nomor_urut is null, the administrasi column named $kolom.
with
kontes as (
    select jenis, kode_kontes
    from administrasi
    where tingkat = $tingkat and kode_wilayah = $kode and ($jenis is null or jenis = $jenis)
),
baris as (
    select a.*
    from administrasi as a
    semi join kontes as k on k.jenis = a.jenis and k.kode_kontes = a.kode_kontes
    where (a.tingkat = $tingkat and a.kode_wilayah = $kode)
       or (a.tingkat = 'tps' and starts_with(a.kode_wilayah, $kode))
),
temuan as (
    select
        e.jenis,
        e.kode_kontes,
        e.tingkat,
        e.kode_wilayah,
        list(struct_pack(aturan := e.aturan, keparahan := e.keparahan, keterangan := e.keterangan)
             order by e.keparahan <> 'error', e.aturan, e.keterangan) as temuan,
    from pengecualian as e
    semi join kontes as k on k.jenis = e.jenis and k.kode_kontes = e.kode_kontes
    where starts_with(e.kode_wilayah, $kode)
    group by all
)
select
    b.jenis,
    b.kode_kontes,
    b.tingkat,
    b.kode_wilayah,
    b.nama_wilayah,
    b.tps_total,
    b.tps_masuk,
    b.tps_lolos,
    b.status,
    coalesce(d.nama_wilayah, '') as nama_desa,
    coalesce(top.nama_wilayah, '') as nama_kontes,
    h.nomor_urut is not null as ada_paslon,
    coalesce(h.nama_paslon, '') as nama_paslon,
    case
        when $nomor_urut is not null then h.suara
        else case $kolom
            when 'dpt_l' then b.dpt_l
            when 'dpt_p' then b.dpt_p
            when 'dpph_l' then b.dpph_l
            when 'dpph_p' then b.dpph_p
            when 'dptb_l' then b.dptb_l
            when 'dptb_p' then b.dptb_p
            when 'pemilih_jumlah' then b.pemilih_jumlah
            when 'pengguna_dpt_l' then b.pengguna_dpt_l
            when 'pengguna_dpt_p' then b.pengguna_dpt_p
            when 'pengguna_dpph_l' then b.pengguna_dpph_l
            when 'pengguna_dpph_p' then b.pengguna_dpph_p
            when 'pengguna_dptb_l' then b.pengguna_dptb_l
            when 'pengguna_dptb_p' then b.pengguna_dptb_p
            when 'pengguna_jumlah' then b.pengguna_jumlah
            when 'disabilitas_l' then b.disabilitas_l
            when 'disabilitas_p' then b.disabilitas_p
            when 'pengguna_disabilitas_l' then b.pengguna_disabilitas_l
            when 'pengguna_disabilitas_p' then b.pengguna_disabilitas_p
            when 'ss_diterima' then b.ss_diterima
            when 'ss_rusak' then b.ss_rusak
            when 'ss_tidak_digunakan' then b.ss_tidak_digunakan
            when 'ss_digunakan' then b.ss_digunakan
            when 'suara_sah' then b.suara_sah
            when 'suara_tidak_sah' then b.suara_tidak_sah
            when 'suara_total' then b.suara_total
        end
    end as nilai,
    coalesce(t.temuan, []) as temuan,
from baris as b
left join hasil as h
    on h.jenis = b.jenis and h.kode_kontes = b.kode_kontes and h.tingkat = b.tingkat
   and h.kode_wilayah = b.kode_wilayah and h.nomor_urut = $nomor_urut
left join administrasi as d
    on d.jenis = b.jenis and d.kode_kontes = b.kode_kontes and d.tingkat = 'desa'
   and d.kode_wilayah = left(b.kode_wilayah, 10)
left join administrasi as top
    on top.jenis = b.jenis and top.kode_kontes = b.kode_kontes and top.kode_wilayah = b.kode_kontes
   and top.tingkat = case length(b.kode_kontes) when 2 then 'provinsi' else 'kabkota' end
left join temuan as t
    on t.jenis = b.jenis and t.kode_kontes = b.kode_kontes and t.tingkat = b.tingkat
   and t.kode_wilayah = b.kode_wilayah
order by b.jenis = 'pkwkk', b.kode_kontes, b.tingkat = 'tps', b.kode_wilayah
