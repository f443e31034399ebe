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

-- Rank of a level, top-down, for ordering exports.
create or replace macro urutan_tingkat(tingkat) as
    case tingkat
        when 'provinsi' then 1 when 'kabkota' then 2 when 'kecamatan' then 3
        when 'desa' then 4 when 'tps' then 5
    end;

-- The name of a region code; a TPS is named by its number within the desa.
create or replace macro nama_tps(kode) as 'TPS ' || right(kode, 3);
