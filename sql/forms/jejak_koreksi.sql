-- jejak_koreksi: the audit trail of koreksi.csv: one row per correction, in file order, with the
-- value of its cell it was checked against and whether it was applied (built after form and
-- suara_form, before the TPS gate). A correction applies only when its nilai_lama equals the
-- current value of its cell in the form that counts; several corrections of one cell apply in file
-- order, each checked against the value the previous one left. Refused (alasan_penolakan):
-- `formulir_tidak_ada` (no form for that TPS and contest), `kolom_tidak_dikenal` (not a count
-- column of the form, or a ballot number the contest or the form does not have),
-- `nilai_lama_tidak_cocok`. `nilai_sesudah` is the cell's value after this correction.
create or replace table jejak_koreksi as
with recursive
corrected_forms as (
    select f.*
    from form as f
    semi join koreksi as k on k.jenis = f.jenis and k.kode_tps = f.kode_tps
),
-- every cell a correction can name, only of the forms some correction names: the counts of the
-- form that counts and the votes of the contest's ballot columns
cells as (
    select jenis, kode_tps, kolom, nilai
    from (
        unpivot corrected_forms
        on columns(* exclude (jenis, kode_kontes, kode_tps, pengiriman))
        into name kolom value nilai
    )
    union all
    select s.jenis, s.kode_tps, 'suara:' || s.nomor_urut, s.suara
    from suara_form as s
    semi join corrected_forms as f on f.jenis = s.jenis and f.kode_tps = s.kode_tps
    semi join paslon as p on p.jenis = s.jenis and p.kode_kontes = s.kode_kontes and p.nomor_urut = s.nomor_urut
),
steps as (
    select
        _rec, jenis, kode_tps, kolom, nilai_lama, nilai_baru,
        row_number() over (partition by jenis, kode_tps, kolom order by _rec) as langkah,
    from koreksi
),
-- the corrections of each existing cell folded in file order
fold as (
    select
        s._rec, s.jenis, s.kode_tps, s.kolom, s.langkah,
        c.nilai as nilai_formulir,
        c.nilai = s.nilai_lama as diterapkan,
        case when c.nilai = s.nilai_lama then s.nilai_baru else c.nilai end as nilai_sesudah,
    from steps as s
    join cells as c on c.jenis = s.jenis and c.kode_tps = s.kode_tps and c.kolom = s.kolom
    where s.langkah = 1
    union all
    select
        s._rec, s.jenis, s.kode_tps, s.kolom, s.langkah,
        f.nilai_sesudah,
        f.nilai_sesudah = s.nilai_lama,
        case when f.nilai_sesudah = s.nilai_lama then s.nilai_baru else f.nilai_sesudah end,
    from fold as f
    join steps as s
        on s.jenis = f.jenis and s.kode_tps = f.kode_tps and s.kolom = f.kolom and s.langkah = f.langkah + 1
),
final as (
    select
        k._rec,
        k.id,
        k.kode_tps,
        k.jenis,
        k.kode_kontes,
        k.kolom,
        k.nomor_urut,
        k.nilai_lama,
        k.nilai_baru,
        f.nilai_formulir,
        coalesce(f.diterapkan, false) as diterapkan,
        case
            when not exists (select 1 from form as x where x.jenis = k.jenis and x.kode_tps = k.kode_tps)
                then 'formulir_tidak_ada'
            when f._rec is null then 'kolom_tidak_dikenal'
            when not f.diterapkan then 'nilai_lama_tidak_cocok'
        end as alasan_penolakan,
        f.nilai_sesudah,
        k.tingkat,
        k.alasan,
        k.dokumen,
    from koreksi as k
    left join fold as f on f._rec = k._rec
)
select * from final
order by _rec
