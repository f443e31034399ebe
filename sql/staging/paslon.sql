-- paslon: one row per ballot column of a contest (candidate pair or kolom kosong).
create or replace table paslon as
select
    jenis,
    kode_kontes,
    cast(nomor_urut as integer) as nomor_urut,
    trim(nama) as nama,
    lower(kolom_kosong) = 'true' as kolom_kosong,
from stg_paslon
order by jenis, kode_kontes, nomor_urut
