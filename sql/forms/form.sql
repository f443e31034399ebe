-- form: one row per (contest, TPS) that submitted: the form that counts. A resubmission with a
-- later diterima_pada replaces the earlier one; a submission without a time counts as earliest;
-- among equals the later row of the file wins (the gates name such conflicts). `pengiriman`
-- says which submission it is, and so which rows of suara_paslon carry its votes.
-- Only the few TPS that sent more than once need choosing, so the window runs over those alone.
create or replace table form as
with
resent as (
    select distinct jenis, kode_tps from c_hasil where pengiriman > 1
),
sent_once as (
    select * exclude (_rec, diterima_pada)
    from c_hasil
    anti join resent using (jenis, kode_tps)
),
chosen as (
    select * exclude (_rec, diterima_pada)
    from c_hasil
    semi join resent using (jenis, kode_tps)
    qualify row_number() over (
        partition by jenis, kode_kontes, kode_tps
        order by diterima_pada desc nulls last, _rec desc
    ) = 1
)
select * from sent_once
union all
select * from chosen
order by jenis, kode_kontes, kode_tps
