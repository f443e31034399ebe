-- wilayah: one row per region code (provinsi 2, kab/kota 4, kecamatan 6, desa/kelurahan 10 digits):
-- the national table the project ships, overridden and extended by the package's wilayah.csv.
create or replace table wilayah as
with
national as (
    select kode, trim(nama) as nama
    from read_csv(
        $reference_path, header = true, columns = {'kode': 'VARCHAR', 'nama': 'VARCHAR'},
        auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true
    )
),
package as (
    select kode, trim(nama) as nama
    from stg_wilayah
    -- the last row of the package wins when it names a code twice
    qualify row_number() over (partition by kode order by _rec desc) = 1
),
final as (
    select
        coalesce(package.kode, national.kode) as kode,
        coalesce(package.nama, national.nama) as nama,
    from national
    full join package on package.kode = national.kode
)
select * from final
order by kode
