-- rows of koreksi.csv that make the audit trail ambiguous: (_rec, kolom, masalah), first first.
-- A correction is named by its id (in findings, data/koreksi.csv and the changelog): one row each.
with
numbered as (
    select _rec, id, row_number() over (partition by id order by _rec) as occurrence,
    from stg_koreksi
)
select _rec, 'id' as kolom, 'id koreksi ' || id || ' tercantum lebih dari sekali' as masalah
from numbered
where occurrence > 1
order by _rec
limit 1
