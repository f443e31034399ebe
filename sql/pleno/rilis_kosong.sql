-- rilis_hasil, rilis_koreksi with no rows: a package without plenaries adopted no release.
create or replace table rilis_hasil (
    rilis varchar, jenis varchar, kode_kontes varchar, tingkat varchar, kode_wilayah varchar,
    nomor_urut integer, suara bigint
);
create or replace table rilis_koreksi (rilis varchar, id varchar);
