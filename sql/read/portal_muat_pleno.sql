-- Portal: load a published release's pleno.csv (one row per contest × plenary level × unit: its
-- plenary status, timeliness and decree), as text: the portal prints it as written.
create table pleno as
select *
from read_csv($path, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true)
