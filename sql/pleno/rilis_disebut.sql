-- rilis_disebut: one row per release pleno.csv names, with the first line naming it.
select rilis, min(_rec) as _rec
from pleno
group by rilis
order by min(_rec)
