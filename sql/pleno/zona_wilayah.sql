-- zona_wilayah: one row per province code of the package's regions: its time zone (WIB/WITA/WIT)
-- and UTC offset, bound from rekap.domain.zone_of.
create or replace table zona_wilayah as
select unnest($kode) as kode_provinsi, unnest($zona) as zona, unnest($offset) as offset_jam
