-- Portal: a release published before the plenary was recorded has no pleno.csv: an empty table.
create table pleno (
    jenis varchar, kode_kontes varchar, tingkat varchar, kode_wilayah varchar, status varchar, ketepatan varchar,
    batas varchar, zona varchar, pleno_id varchar, mulai varchar, selesai varchar, tempat varchar,
    nomor_berita_acara varchar, nomor_keputusan varchar, rilis varchar, saksi_menolak varchar, keberatan varchar,
    dibuka_oleh varchar
)
