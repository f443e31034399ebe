-- Session set-up and helpers every SQL file may use; run on each connection before anything else.

-- operators watch Prefect logs, not a terminal progress bar drawn into them
set enable_progress_bar = false;

-- A share in percent to 2 decimals, rounded half up, computed on integers so that the printed
-- figure never depends on binary floating point (177290 of 299120 -> 59.27).
create or replace macro persen_2d(bagian, keseluruhan) as
    case
        when keseluruhan > 0 then cast(
            cast((bagian::hugeint * 20000 + keseluruhan) // (2 * keseluruhan::hugeint) as decimal(18, 0))
            * 0.01 as decimal(6, 2)
        )
    end;

-- Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
-- apostrophe in every exported file, so a hostile name stays a name.
create or replace macro aman_sel(teks) as
    case when regexp_matches(teks, '^[=+\-@\t\r]') then '''' || teks else teks end;

-- Rank of a level, top-down, for ordering exports (table tingkat: rekap.domain.LEVELS).
create or replace macro urutan_tingkat(t) as (select urutan from tingkat where tingkat.tingkat = t);

-- The name of a region code; a TPS is named by its number within the desa.
create or replace macro nama_tps(kode) as 'TPS ' || right(kode, 3);

-- The records of an input CSV as text with their record number (_rec, 1 = first after the
-- header): DuckDB's strict reader with the columns named by the header, nothing sniffed.
create or replace macro baca_csv(berkas, kolom) as table
    select row_number() over () as _rec, *
    from read_csv(
        berkas, header = true, columns = kolom, auto_detect = false,
        delim = ',', quote = '"', escape = '"', strict_mode = true
    );

-- Whether one cell of an input CSV has its column's format: `pola` matched against the whole
-- cell (RE2, as check_cells.sql); a blank cell (null) passes only when `boleh_kosong`.
create or replace macro sel_sah(nilai, pola, boleh_kosong) as
    case when nilai is null then boleh_kosong else regexp_full_match(nilai, pola) end;

-- The same for a list of cells that share one format.
create or replace macro semua_sel_sah(nilai, pola, boleh_kosong) as
    list_bool_and(list_transform(nilai, lambda x: sel_sah(x, pola, boleh_kosong)));

-- One level up from kecamatan on: each unit of level `induk` is the sum of its children (the
-- units of its child level whose code starts with its own), column by column; final only when
-- every child is final. Table tingkat says which level is the child and how long a code is. (The
-- table is a parameter, read through query_table: a macro is bound when it is made, before the
-- tables exist.)
create or replace macro naik_tingkat(administrasi, induk) as table
    with
    level as (
        select anak, panjang from tingkat where tingkat.tingkat = induk
    )
    select
        induk as tingkat,
        a.jenis,
        a.kode_kontes,
        left(a.kode_wilayah, l.panjang) as kode_wilayah,
        sum(columns(a.* exclude (tingkat, jenis, kode_kontes, kode_wilayah, status)))::bigint,
        case when bool_and(a.status = 'final') then 'final' else 'sementara' end as status,
    from query_table(administrasi) as a
    join level as l on a.tingkat = l.anak
    group by a.jenis, a.kode_kontes, left(a.kode_wilayah, l.panjang);

-- The votes of each ballot number one level up: the sum over the children.
create or replace macro naik_suara(hasil, induk) as table
    with
    level as (
        select anak, panjang from tingkat where tingkat.tingkat = induk
    )
    select
        induk as tingkat,
        h.jenis,
        h.kode_kontes,
        left(h.kode_wilayah, l.panjang) as kode_wilayah,
        h.nomor_urut,
        sum(h.suara)::bigint as suara,
    from query_table(hasil) as h
    join level as l on h.tingkat = l.anak
    group by h.jenis, h.kode_kontes, left(h.kode_wilayah, l.panjang), h.nomor_urut;

-- For the parent = Σ children gate: every column of each unit of level `induk` beside the sum of
-- its children recomputed here (column__anak); a unit missing on either side shows as zeros.
create or replace macro cek_agregat(administrasi, induk) as table
    with
    level as (
        select anak, panjang from tingkat where tingkat.tingkat = induk
    ),
    parents as (
        select * exclude (tingkat) from query_table(administrasi) where tingkat = induk
    ),
    children as (
        select
            a.jenis,
            a.kode_kontes,
            left(a.kode_wilayah, l.panjang) as kode_wilayah,
            sum(columns(a.* exclude (tingkat, jenis, kode_kontes, kode_wilayah, status)))::bigint as '\0__anak',
        from query_table(administrasi) as a
        join level as l on a.tingkat = l.anak
        group by all
    )
    select
        row_number() over () - 1 as _baris,
        coalesce(p.jenis, c.jenis) as jenis,
        coalesce(p.kode_kontes, c.kode_kontes) as kode_kontes,
        coalesce(p.kode_wilayah, c.kode_wilayah) as kode_wilayah,
        coalesce(columns(p.* exclude (jenis, kode_kontes, kode_wilayah, status)), 0),
        coalesce(columns(c.* exclude (jenis, kode_kontes, kode_wilayah)), 0),
    from parents as p
    full join children as c
        on c.jenis = p.jenis and c.kode_kontes = p.kode_kontes and c.kode_wilayah = p.kode_wilayah;

-- The same for the votes of each ballot number (suara beside suara__anak).
create or replace macro cek_agregat_suara(hasil, induk) as table
    with
    level as (
        select anak, panjang from tingkat where tingkat.tingkat = induk
    ),
    parents as (
        select * exclude (tingkat) from query_table(hasil) where tingkat = induk
    ),
    children as (
        select h.jenis, h.kode_kontes, left(h.kode_wilayah, l.panjang) as kode_wilayah, h.nomor_urut,
            sum(h.suara)::bigint as suara__anak,
        from query_table(hasil) as h
        join level as l on h.tingkat = l.anak
        group by all
    )
    select
        row_number() over () - 1 as _baris,
        coalesce(p.jenis, c.jenis) as jenis,
        coalesce(p.kode_kontes, c.kode_kontes) as kode_kontes,
        coalesce(p.kode_wilayah, c.kode_wilayah) as kode_wilayah,
        coalesce(p.nomor_urut, c.nomor_urut) as nomor_urut,
        coalesce(p.suara, 0) as suara,
        coalesce(c.suara__anak, 0) as suara__anak,
    from parents as p
    full join children as c
        on c.jenis = p.jenis and c.kode_kontes = p.kode_kontes and c.kode_wilayah = p.kode_wilayah
        and c.nomor_urut = p.nomor_urut;
