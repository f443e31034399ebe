-- suara_form: one row per (contest, TPS, ballot number) of the submission that counts: the votes
-- of form.pengiriman; for a TPS with votes but no form, the last ones sent. Ballot numbers the
-- contest does not have are kept, so the gates can name them.
-- Nearly every TPS sent once, so its votes are those of submission 1; only the few others are
-- looked up (`not_first`), instead of grouping and joining every vote row.
create or replace table suara_form as
with
not_first as (
    -- the form that counts is a resubmission
    select jenis, kode_kontes, kode_tps, pengiriman
    from form
    where pengiriman > 1
    union all
    -- votes sent more than once for a TPS with no form: the last ones sent
    select s.jenis, s.kode_kontes, s.kode_tps, max(s.pengiriman)
    from suara_paslon as s
    anti join form as f on f.jenis = s.jenis and f.kode_kontes = s.kode_kontes and f.kode_tps = s.kode_tps
    where s.pengiriman > 1
    group by s.jenis, s.kode_kontes, s.kode_tps
),
final as (
    select s.jenis, s.kode_kontes, s.kode_tps, s.nomor_urut, s.suara
    from suara_paslon as s
    left join not_first as n
        on n.jenis = s.jenis and n.kode_kontes = s.kode_kontes and n.kode_tps = s.kode_tps
    where s.pengiriman = coalesce(n.pengiriman, 1)
)
select * from final
order by jenis, kode_kontes, kode_tps, nomor_urut
