-- rilis_koreksi: the corrections each release named in pleno.csv knew (its data/koreksi.csv, applied or
-- not): a correction not in that list came after the plenary that adopted the release.
create or replace table rilis_koreksi as
select regexp_extract(filename, '([0-9a-f]{16})/data/koreksi\.csv$', 1) as rilis, id
from read_csv($koreksi, filename = true, header = true, delim = ',', quote = '"', escape = '"', types = {
    'id': 'VARCHAR'
})
