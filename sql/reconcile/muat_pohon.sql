-- reconcile/muat_pohon: a Sirekap-shaped tree as side 'pembanding', from the figures
-- rekap.sirekap.tree flattened into $figures. A unit is read from its parent's table (what the
-- parent's page lists); its own file's chart counts only for a unit no table lists.
insert into sisi
with
figures as (
    select * from read_csv($figures, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
        columns = {
            'jenis': 'VARCHAR', 'kode_kontes': 'VARCHAR', 'tingkat': 'VARCHAR', 'kode_wilayah': 'VARCHAR',
            'nomor_urut': 'INTEGER', 'suara': 'BIGINT', 'tps_total': 'BIGINT', 'tps_progres': 'BIGINT',
            'dari_tabel': 'BOOLEAN', 'berkas': 'VARCHAR'
        })
),
listed as (
    select distinct jenis, kode_kontes, kode_wilayah from figures where dari_tabel
),
chosen as (
    select f.*
    from figures as f
    left join listed as l
        on l.jenis = f.jenis and l.kode_kontes = f.kode_kontes and l.kode_wilayah = f.kode_wilayah
    where f.dari_tabel or l.kode_wilayah is null
    -- a unit listed twice (never in KPU's files, but a tree is input): the first file by path counts
    qualify dense_rank() over (partition by f.jenis, f.kode_kontes, f.kode_wilayah order by f.berkas) = 1
),
final as (
    select
        'pembanding' as sisi,
        jenis,
        kode_kontes,
        tingkat,
        kode_wilayah,
        null as nama_wilayah,
        nomor_urut,
        null as nama_paslon,
        suara,
        tps_total,
        tps_progres,
    from chosen
)
select * from final
