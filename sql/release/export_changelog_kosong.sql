-- changelog.csv of the first release (no previous release to compare with): the header only.
copy (
    select
        null::varchar as kode_tps,
        null::varchar as jenis,
        null::varchar as kolom,
        null::bigint as lama,
        null::bigint as baru,
        null::varchar as sumber,
    limit 0
) to $path (header, delimiter ',')
