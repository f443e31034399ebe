-- nist_pilihan: one row per ballot column of a contest (a Candidate and its CandidateSelection in the
-- NIST export): a candidate pair, or the kolom kosong; with its fate once the contest is decided.
create or replace table nist_kerja.nist_pilihan as
select
    p.jenis,
    p.kode_kontes,
    p.nomor_urut,
    p.nama,
    p.kolom_kosong,
    -- CandidatePostElectionStatus: only when the penetapan elected a pair (never for the empty column)
    case
        when p.kolom_kosong or d.status not in ('terpilih', 'kolom_kosong_menang') then null
        when d.status = 'terpilih' and d.nomor_urut = p.nomor_urut then 'winner'
        else 'defeated'
    end as status_akhir,
from paslon as p
left join penetapan as d on d.jenis = p.jenis and d.kode_kontes = p.kode_kontes
order by p.jenis desc, p.kode_kontes, p.nomor_urut
