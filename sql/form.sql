-- form: one row per (contest, TPS) that submitted: the form that counts. A resubmission with a
-- later diterima_pada replaces the earlier one; a submission without a time counts as earliest;
-- among equals the later row of the file wins (the gates name such conflicts). `pengiriman`
-- says which submission it is, and so which rows of suara_paslon carry its votes.
create or replace table form as
select * exclude (_rec, diterima_pada)
from c_hasil
qualify row_number() over (
    partition by jenis, kode_kontes, kode_tps
    order by diterima_pada desc nulls last, _rec desc
) = 1
order by jenis, kode_kontes, kode_tps
