-- the text of one cell of a staging table, to quote it back in an error message
select columns($columns) from query_table($table) where _rec = $rec
