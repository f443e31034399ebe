-- the rows of one check table, in _baris order, for Great Expectations
select * from query_table($table) order by _baris
