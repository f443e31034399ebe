-- rows of paslon.csv that make the candidate list ambiguous: (_rec, kolom, masalah), first first.
with
numbered as (
    select
        *,
        row_number() over (partition by jenis, kode_kontes, nomor_urut order by _rec) as occurrence,
    from stg_paslon
),
problems as (
    select _rec, 'kode_kontes' as kolom,
        'kode kontes ' || kode_kontes || ' tidak sesuai jenis ' || jenis
        || ' (pkwkp: 2 digit kode provinsi, pkwkk: 4 digit kode kab/kota)' as masalah,
    from numbered
    where length(kode_kontes) <> case jenis when 'pkwkp' then 2 else 4 end
    union all
    select _rec, 'nomor_urut',
        'nomor urut ' || nomor_urut || ' sudah ada untuk kontes ' || jenis || ' ' || kode_kontes,
    from numbered
    where occurrence > 1
)
select * from problems
order by _rec, kolom
limit 1
