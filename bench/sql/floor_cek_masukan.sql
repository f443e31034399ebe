-- floor cek_masukan: one row counting what makes a package unusable (rekap exits 2 on these):
-- malformed TPS codes, unknown jenis, negative counts. All zero on a usable package.
with
c_hasil_terkecil as (
    select kode_tps, jenis, least(*columns(* exclude (_rec, jenis, kode_kontes, kode_tps))) as terkecil
    from c_hasil
)
select
    (select count(*) from tps where not regexp_full_match(kode_tps, '[0-9]{13}') or least(dpt_l, dpt_p) < 0)
        as tps_rusak,
    (select count(*) from c_hasil_terkecil
        where not regexp_full_match(kode_tps, '[0-9]{13}') or jenis not in ('pkwkp', 'pkwkk') or terkecil < 0)
        as c_hasil_rusak,
    (select count(*) from suara
        where not regexp_full_match(kode_tps, '[0-9]{13}') or jenis not in ('pkwkp', 'pkwkk')
            or nomor_urut < 1 or suara < 0) as suara_rusak
