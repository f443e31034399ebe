-- end of the NIST export: drop its in-memory working database (nist_macros.sql attached it)
detach database if exists nist_kerja
