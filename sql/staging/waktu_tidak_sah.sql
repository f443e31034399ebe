-- the first record of c_hasil whose submission time is well-formed text but no real time; null if none
select min(_rec) from c_hasil where not _waktu_sah
