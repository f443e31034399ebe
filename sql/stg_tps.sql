-- stg_tps: the rows of one input CSV as text, one row per record, _rec = record number (1 = first after the header).
-- Values stay text here; check_cells.sql names the first bad cell before anything is cast.
create or replace table stg_tps as
with
source as (
    select row_number() over () as _rec, *
    from read_csv(
        $path, header = true, columns = $columns, auto_detect = false,
        delim = ',', quote = '"', escape = '"', strict_mode = true
    )
),
-- optional columns the file may leave out come through as null
with_optional as (
    select null::varchar as lokasi_khusus where false
    union all by name
    select * from source
),
final as (
    select _rec, kode_tps, dpt_l, dpt_p, lokasi_khusus
    from with_optional
)
select * from final
order by _rec
