-- changelog.csv: one row per figure at TPS level that differs from the previous release, whose
-- data/administrasi.csv ($administrasi: the counts, by column name) and data/hasil.csv ($hasil:
-- the votes, kolom suara:<nomor_urut>) are read back here; an empty cell is no figure. Only the
-- TPS rows whose counts differ as a whole are compared cell by cell (a national run has 850k).
-- `sumber` says why, first match wins: formulir_baru (the TPS had no form in the previous release),
-- formulir_dicabut (it has none now), koreksi:<id> (the applied corrections of that cell, joined by
-- + for a chain: from the one whose nilai_lama was the previous figure), pengiriman_ulang (the
-- previous figure is that of a submission a later one, by diterima_pada, replaced), else
-- perubahan_masukan.
copy (
    with
    counts_lama as (
        select
            jenis,
            kode_wilayah as kode_tps,
            tps_masuk = '1' as _masuk,
            columns(* exclude (jenis, kode_kontes, tingkat, kode_wilayah, nama_wilayah,
                               tps_total, tps_masuk, tps_lolos, status))::bigint,
        from read_csv($administrasi, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
        where tingkat = 'tps'
    ),
    counts_baru as (
        select
            jenis,
            kode_wilayah as kode_tps,
            tps_masuk = 1 as _masuk,
            columns(* exclude (jenis, kode_kontes, kode_wilayah, tps_total, tps_masuk, tps_lolos, status)),
        from administrasi_tps
    ),
    -- TPS rows whose counts differ (structs compare by field name)
    rows_changed as (
        select coalesce(l.jenis, b.jenis) as jenis, coalesce(l.kode_tps, b.kode_tps) as kode_tps,
        from (
            select jenis, kode_tps, struct_pack(*columns(* exclude (jenis, kode_tps, _masuk))) as v from counts_lama
        ) as l
        full join (
            select jenis, kode_tps, struct_pack(*columns(* exclude (jenis, kode_tps, _masuk))) as v from counts_baru
        ) as b on b.jenis = l.jenis and b.kode_tps = l.kode_tps
        where l.v is distinct from b.v
    ),
    cells_lama as (
        select jenis, kode_tps, kolom, nilai
        from (
            unpivot (select * exclude (_masuk) from counts_lama semi join rows_changed using (jenis, kode_tps))
            on columns(* exclude (jenis, kode_tps))
            into name kolom value nilai
        )
    ),
    cells_baru as (
        select jenis, kode_tps, kolom, nilai
        from (
            unpivot (select * exclude (_masuk) from counts_baru semi join rows_changed using (jenis, kode_tps))
            on columns(* exclude (jenis, kode_tps))
            into name kolom value nilai
        )
    ),
    votes_lama as (
        select
            jenis,
            kode_wilayah as kode_tps,
            cast(nomor_urut as integer) as nomor_urut,
            cast(suara as bigint) as suara,
        from read_csv($hasil, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
        where tingkat = 'tps' and suara is not null
    ),
    votes_baru as (
        select jenis, kode_wilayah as kode_tps, nomor_urut, suara
        from hasil_tps
        where suara is not null
    ),
    changes as (
        select
            coalesce(l.jenis, b.jenis) as jenis,
            coalesce(l.kode_tps, b.kode_tps) as kode_tps,
            coalesce(l.kolom, b.kolom) as kolom,
            null::integer as nomor_urut,
            l.nilai as lama,
            b.nilai as baru,
        from cells_lama as l
        full join cells_baru as b on b.jenis = l.jenis and b.kode_tps = l.kode_tps and b.kolom = l.kolom
        where l.nilai is distinct from b.nilai
        union all
        select
            coalesce(l.jenis, b.jenis),
            coalesce(l.kode_tps, b.kode_tps),
            'suara:' || coalesce(l.nomor_urut, b.nomor_urut),
            coalesce(l.nomor_urut, b.nomor_urut),
            l.suara,
            b.suara,
        from votes_lama as l
        full join votes_baru as b on b.jenis = l.jenis and b.kode_tps = l.kode_tps and b.nomor_urut = l.nomor_urut
        where l.suara is distinct from b.suara
    ),
    changed_tps as (
        select distinct jenis, kode_tps from changes
    ),
    -- whether the TPS had a form in each release
    forms as (
        select
            t.jenis,
            t.kode_tps,
            coalesce(l._masuk, false) as masuk_lama,
            coalesce(b._masuk, false) as masuk_baru,
        from changed_tps as t
        left join counts_lama as l on l.jenis = t.jenis and l.kode_tps = t.kode_tps
        left join counts_baru as b on b.jenis = t.jenis and b.kode_tps = t.kode_tps
    ),
    corrections as (
        select jenis, kode_tps, kolom, list(id order by _rec) as ids, list(nilai_lama order by _rec) as nilai_lama,
        from jejak_koreksi
        where diterapkan
        group by jenis, kode_tps, kolom
    ),
    -- the submission that counts now, and the earlier ones it replaced (it came later)
    counted as (
        select c.jenis, c.kode_tps, c.pengiriman, c.diterima_pada
        from c_hasil as c
        join form as f on f.jenis = c.jenis and f.kode_tps = c.kode_tps and f.pengiriman = c.pengiriman
        semi join changed_tps as t on t.jenis = c.jenis and t.kode_tps = c.kode_tps
    ),
    replaced as (
        select c.* exclude (_rec, kode_kontes, diterima_pada)
        from c_hasil as c
        join counted as k on k.jenis = c.jenis and k.kode_tps = c.kode_tps
        where c.pengiriman <> k.pengiriman and k.diterima_pada is not null
            and (c.diterima_pada is null or c.diterima_pada < k.diterima_pada)
    ),
    replaced_cells as (
        select distinct jenis, kode_tps, kolom, nilai
        from (
            select jenis, kode_tps, kolom, nilai
            from (
                unpivot replaced
                on columns(* exclude (jenis, kode_tps, pengiriman))
                into name kolom value nilai
            )
            union all
            select s.jenis, s.kode_tps, 'suara:' || s.nomor_urut, s.suara
            from suara_paslon as s
            semi join replaced as r
                on r.jenis = s.jenis and r.kode_tps = s.kode_tps and r.pengiriman = s.pengiriman
        )
    ),
    -- counts in the order of administrasi.csv, then the votes by ballot number
    column_order as (
        select column_name as kolom, column_index as urutan
        from duckdb_columns()
        where table_name = 'administrasi_tps' and not internal
    ),
    final as (
        select
            p.kode_tps,
            p.jenis,
            p.kolom,
            p.lama,
            p.baru,
            case
                when not f.masuk_lama and f.masuk_baru then 'formulir_baru'
                when f.masuk_lama and not f.masuk_baru then 'formulir_dicabut'
                when k.ids is not null then 'koreksi:' || array_to_string(list_slice(k.ids,
                    len(k.nilai_lama) + 1
                        - coalesce(list_position(list_reverse(k.nilai_lama), p.lama), len(k.nilai_lama)),
                    len(k.ids)), '+')
                when r.kode_tps is not null then 'pengiriman_ulang'
                else 'perubahan_masukan'
            end as sumber,
            o.urutan,
            p.nomor_urut,
        from changes as p
        join forms as f on f.jenis = p.jenis and f.kode_tps = p.kode_tps
        left join corrections as k on k.jenis = p.jenis and k.kode_tps = p.kode_tps and k.kolom = p.kolom
        left join replaced_cells as r
            on r.jenis = p.jenis and r.kode_tps = p.kode_tps and r.kolom = p.kolom and r.nilai = p.lama
        left join column_order as o on o.kolom = p.kolom
    )
    select kode_tps, jenis, kolom, lama, baru, sumber
    from final
    order by kode_tps, jenis, urutan nulls last, nomor_urut, kolom
) to $path (header, delimiter ',')
