-- jumlah_unit: one row: how many units level $tingkat (desa and up) has over all contests.
select count(*) as unit from administrasi where tingkat = $tingkat
