-- suara_form: one row per (contest, TPS, ballot number) of the submission that counts: the votes
-- of form.pengiriman; for a TPS with votes but no form, the last ones sent. Ballot numbers the
-- contest does not have are kept, so the gates can name them.
create or replace table suara_form as
with
counted_submission as (
    select
        s.jenis, s.kode_kontes, s.kode_tps,
        coalesce(any_value(f.pengiriman), max(s.pengiriman)) as pengiriman,
    from suara_paslon as s
    left join form as f on f.jenis = s.jenis and f.kode_kontes = s.kode_kontes and f.kode_tps = s.kode_tps
    group by s.jenis, s.kode_kontes, s.kode_tps
),
final as (
    select s.jenis, s.kode_kontes, s.kode_tps, s.nomor_urut, s.suara
    from suara_paslon as s
    join counted_submission as c
        on c.jenis = s.jenis and c.kode_kontes = s.kode_kontes and c.kode_tps = s.kode_tps
        and c.pengiriman = s.pengiriman
)
select * from final
order by jenis, kode_kontes, kode_tps, nomor_urut
