-- the first record of a table read straight from its CSV (c_hasil.sql, suara_paslon.sql) whose
-- cells did not all pass their format check (`_sah`); null when every record passed
select min(_rec) from query_table($table) where not _sah
