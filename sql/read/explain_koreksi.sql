-- Explain (asal angka): the corrections of a release (data/koreksi.csv) that touched one column
-- ($kolom) of the TPS forms under a unit ($kode prefix) in one contest. Read as text; a column the
-- file lacks is null (the typed empty row fixes the columns, `union all by name` fills the gaps).
with
kosong as (
    select
        null::varchar as id, null::varchar as kode_tps, null::varchar as jenis,
        null::varchar as kode_kontes, null::varchar as kolom, null::varchar as nilai_lama,
        null::varchar as nilai_baru, null::varchar as nilai_formulir, null::varchar as diterapkan,
        null::varchar as alasan_penolakan, null::varchar as tingkat, null::varchar as alasan,
        null::varchar as dokumen,
    limit 0
),
berkas as (
    select * from kosong
    union all by name
    select *
    from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
)
select
    coalesce(id, '') as id,
    kode_tps,
    jenis,
    coalesce(kode_kontes, '') as kode_kontes,
    kolom,
    nilai_lama,
    nilai_baru,
    nilai_formulir,
    lower(trim(diterapkan)) in ('true', '1', 'ya') as diterapkan,  -- null: not recorded
    coalesce(alasan_penolakan, '') as alasan_penolakan,
    coalesce(tingkat, '') as tingkat,
    coalesce(alasan, '') as alasan,
    coalesce(dokumen, '') as dokumen,
from berkas
where starts_with(kode_tps, $kode) and jenis = $jenis and kolom = $kolom
  and (kode_kontes is null or kode_kontes = '' or kode_kontes = $kode_kontes)
order by kode_tps, id
