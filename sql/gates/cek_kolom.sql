-- the key and the checked columns of one check table: all that Great Expectations needs to see
-- (texts and keys of failing rows are read back with cek_baris.sql)
select _baris, columns($columns) from query_table($table)
