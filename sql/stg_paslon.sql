-- stg_paslon: the rows of one input CSV as text, one row per record, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace table stg_paslon as
with
source as (
    select row_number() over () as _rec, *
    from read_csv(
        $path, header = true, columns = $columns, auto_detect = false,
        delim = ',', quote = '"', escape = '"', strict_mode = true
    )
),
final as (
    select _rec, jenis, kode_kontes, nomor_urut, nama, kolom_kosong
    from source
)
select * from final
order by _rec
