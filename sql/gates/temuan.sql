-- temuan: one row per finding of a check (the gates fill it); contract columns of pengecualian.csv.
create or replace table temuan (
    jenis varchar not null,
    kode_kontes varchar not null,
    tingkat varchar not null,
    kode_wilayah varchar not null,
    kode_tps varchar,
    aturan varchar not null,
    keparahan varchar not null,
    keterangan varchar not null,
)
