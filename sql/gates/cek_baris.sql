-- the whole rows of a check table whose _baris a gate named, to explain each finding with its numbers
select t.*
from query_table($table) as t
semi join (select unnest($baris::bigint[]) as _baris) as named on named._baris = t._baris

