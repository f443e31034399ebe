-- apply the corrections of jejak_koreksi to the votes of the form that counts (suara:<nomor_urut>):
-- a cell with an applied correction takes the value its last correction left
update suara_form as s
set suara = k.nilai
from (
    select jenis, kode_tps, nomor_urut, arg_max(nilai_sesudah, _rec) as nilai,
    from jejak_koreksi
    where nomor_urut is not null and nilai_sesudah is not null
    group by jenis, kode_tps, nomor_urut
    having bool_or(diterapkan)
) as k
where s.jenis = k.jenis and s.kode_tps = k.kode_tps and s.nomor_urut = k.nomor_urut
