-- one row: for each checked column, the first record (_rec) whose cell does not match $pattern
-- (a blank cell fails unless $allow_blank); null where every cell matches.
select
    min(
        case
            when columns($columns) is null and not $allow_blank then _rec
            when not regexp_full_match(columns($columns), $pattern) then _rec
        end
    )
from query_table($table)
