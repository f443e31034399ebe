-- koreksi.csv: the audit trail of koreksi.csv, one row per correction in file order: the value of
-- its cell it was checked against (nilai_formulir, empty when the cell does not exist), whether it
-- was applied and, when not, why (formulir_tidak_ada, kolom_tidak_dikenal, nilai_lama_tidak_cocok).
copy (
    select
        aman_sel(id) as id,
        kode_tps,
        jenis,
        kode_kontes,
        kolom,
        nilai_lama,
        nilai_baru,
        nilai_formulir,
        diterapkan,
        coalesce(alasan_penolakan, '') as alasan_penolakan,
        tingkat,
        aman_sel(alasan) as alasan,
        aman_sel(dokumen) as dokumen,
    from jejak_koreksi
    order by _rec
) to $path (header, delimiter ',')
