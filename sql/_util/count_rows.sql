-- the number of data rows of a staging table
select count(*) from query_table($table)
