-- reconcile/muat_rilis: a published release as side $sisi, from its data/hasil.csv and
-- data/administrasi.csv. Its TPS progress is tps_lolos (the TPS its figures add up); a unit with none
-- shows no figure, as its Sirekap-shaped tree does.
insert into sisi
with
hasil as (
    select * from read_csv($hasil, header = true, delim = ',', quote = '"', escape = '"', types = {
        'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'tingkat': 'VARCHAR', 'kode_wilayah': 'VARCHAR',
        'nama_wilayah': 'VARCHAR', 'nomor_urut': 'INTEGER', 'nama_paslon': 'VARCHAR', 'suara': 'BIGINT'
    })
),
administrasi as (
    select jenis, kode_kontes, tingkat, kode_wilayah, tps_total, tps_lolos
    from read_csv($administrasi, header = true, delim = ',', quote = '"', escape = '"', types = {
        'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'tingkat': 'VARCHAR', 'kode_wilayah': 'VARCHAR',
        'tps_total': 'BIGINT', 'tps_lolos': 'BIGINT'
    })
),
final as (
    select
        $sisi as sisi,
        h.jenis,
        h.kode_kontes,
        h.tingkat,
        h.kode_wilayah,
        h.nama_wilayah,
        h.nomor_urut,
        h.nama_paslon,
        case when a.tps_lolos > 0 then h.suara end as suara,
        a.tps_total,
        a.tps_lolos as tps_progres,
    from hasil as h
    join administrasi as a
        on a.jenis = h.jenis and a.kode_kontes = h.kode_kontes and a.tingkat = h.tingkat
        and a.kode_wilayah = h.kode_wilayah
)
select * from final
