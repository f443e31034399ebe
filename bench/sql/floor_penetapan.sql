-- floor penetapan: one row per contest: the ballot column with the most votes at the contest's top
-- unit and the decision (rekap's rules: sementara unless final; a single pair needs > 50 % against
-- the empty column; equal votes at the top are a tie for the plenary to decide).
create or replace temp table penetapan as
with
top_units as (
    select jenis, kode_kontes, suara_sah, final
    from administrasi
    where kode_wilayah = kode_kontes
        and tingkat = case jenis when 'pkwkp' then 'provinsi' else 'kabkota' end
),
ranked as (
    select p.jenis, p.kode_kontes, p.nomor_urut, p.kolom_kosong, coalesce(h.suara, 0) as suara,
        row_number() over (
            partition by p.jenis, p.kode_kontes
            order by coalesce(h.suara, 0) desc, p.kolom_kosong desc, p.nomor_urut
        ) as peringkat,
    from paslon as p
    left join hasil as h on h.jenis = p.jenis and h.kode_kontes = p.kode_kontes and h.nomor_urut = p.nomor_urut
        and h.kode_wilayah = p.kode_kontes
        and h.tingkat = case p.jenis when 'pkwkp' then 'provinsi' else 'kabkota' end
),
leaders as (
    select jenis, kode_kontes,
        any_value(nomor_urut) filter (where peringkat = 1) as nomor_urut,
        any_value(kolom_kosong) filter (where peringkat = 1) as pertama_kolom_kosong,
        any_value(suara) filter (where peringkat = 1) as suara,
        coalesce(any_value(suara) filter (where peringkat = 2), 0) as suara_kedua,
        count_if(not kolom_kosong) as n_paslon,
        bool_or(kolom_kosong) as ada_kolom_kosong,
    from ranked
    group by jenis, kode_kontes
)
select
    l.jenis, l.kode_kontes,
    case
        when not coalesce(u.final, false) then 'sementara'
        when l.ada_kolom_kosong and l.n_paslon = 1 then
            case when not l.pertama_kolom_kosong and l.suara * 2 > u.suara_sah
                then 'terpilih' else 'kolom_kosong_menang' end
        when l.suara = l.suara_kedua then 'seri'
        else 'terpilih'
    end as status,
    l.nomor_urut,
    l.suara,
from leaders as l
left join top_units as u on u.jenis = l.jenis and u.kode_kontes = l.kode_kontes
order by l.jenis, l.kode_kontes
