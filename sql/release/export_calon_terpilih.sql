-- calon_terpilih.csv: one row per contest: its way from the penetapan hasil through the MK window to
-- the penetapan pasangan calon terpilih (contract: "Rapat pleno").
copy (
    select
        jenis,
        kode_kontes,
        tahap,
        coalesce(status_penetapan, '') as status_penetapan,
        nomor_keputusan_hasil,
        hasil_ditetapkan_pada,
        strftime(batas_sengketa, '%Y-%m-%d') as batas_sengketa,
        aman_sel(nomor_perkara) as nomor_perkara,
        putusan,
        dibacakan_pada,
        strftime(batas_penetapan, '%Y-%m-%d') as batas_penetapan,
        nomor_urut,
        aman_sel(nama_paslon) as nama_paslon,
        suara,
        persen,
    from calon_terpilih
    order by jenis, kode_kontes
) to $path (header, delimiter ',')
