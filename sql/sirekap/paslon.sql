-- sirekap_paslon: one row per ballot column of a contest, as Sirekap's candidate master names it:
-- KPU's paslon id where every column of the contest matches KPU's list (rekap/sirekap/paslon_kpu.csv:
-- same ballot number and name), else a synthetic digits-only id '9' || kode_kontes || 3-digit
-- ballot number (KPU's own ids are 7 digits starting with 1, so the two never meet).
create or replace temp table sirekap_paslon as
with
kpu as (
    select jenis, kode_kontes, nomor_urut, paslon_id, nama, kolom_kosong = 'true' as kolom_kosong
    from read_csv($kpu, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {
        'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'nomor_urut': 'INTEGER', 'paslon_id': 'VARCHAR',
        'nama': 'VARCHAR', 'kolom_kosong': 'VARCHAR'
    })
),
matched as (
    select
        p.jenis,
        p.kode_kontes,
        p.nomor_urut,
        p.nama,
        p.kolom_kosong,
        k.paslon_id as paslon_id_kpu,
        count(k.paslon_id) over (partition by p.jenis, p.kode_kontes)
            = count(*) over (partition by p.jenis, p.kode_kontes) as kontes_cocok,
    from paslon as p
    left join kpu as k
        on k.jenis = p.jenis and k.kode_kontes = p.kode_kontes and k.nomor_urut = p.nomor_urut
        and (k.nama = p.nama or (k.kolom_kosong and p.kolom_kosong))
),
final as (
    select
        jenis,
        kode_kontes,
        nomor_urut,
        case when kontes_cocok then paslon_id_kpu else printf('9%s%03d', kode_kontes, nomor_urut) end
            as paslon_id,
        -- KPU writes the empty column as 'KOLOM KOSONG - ' (a pair with no running mate)
        case when kolom_kosong then 'KOLOM KOSONG - ' else nama end as nama,
        -- KPU's display colour follows the ballot number
        ['#B67352', '#8CB9BD', '#C7B7A3', '#F4CBCC', '#A37E4B', '#F4F0CB'][((nomor_urut - 1) % 6) + 1] as warna,
    from matched
)
select * from final
order by jenis, kode_kontes, nomor_urut
