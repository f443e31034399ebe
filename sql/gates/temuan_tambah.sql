-- append the findings of one gate (a registered DataFrame `temuan_baru`, contract columns)
insert into temuan
select jenis, kode_kontes, tingkat, kode_wilayah, kode_tps, aturan, keparahan, keterangan
from temuan_baru
