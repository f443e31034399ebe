-- reports/pleno: one row per (contest, plenary level, unit) with where its plenary stands and, when it
-- sat, its place, end in the unit's own zone, numbers, attendees (members, witnesses, supervisors in
-- file order) and objections: the signature block, the decree number and the D.Kejadian Khusus annex.
select
    s.jenis,
    s.kode_kontes,
    s.tingkat,
    s.kode_wilayah,
    s.status,
    s.ketepatan,
    s.zona,
    s.pleno_id,
    s.tempat,
    cast(s.selesai_lokal as date) as tanggal,
    strftime(s.selesai_lokal, '%H.%M') as pukul,
    s.nomor_berita_acara,
    s.nomor_keputusan,
    s.rilis,
    s.dibuka_oleh,
    coalesce((
        select list({'peran': h.peran, 'nomor_urut': h.nomor_urut, 'nama': h.nama, 'tanda_tangan': h.tanda_tangan,
                     'alasan': coalesce(h.alasan, '')} order by h._rec)
        from pleno_hadir as h where h.pleno_id = s.pleno_id
    ), []) as hadir,
    coalesce((
        select list({'nomor': k.nomor, 'pengaju': k.pengaju, 'nomor_urut': k.nomor_urut, 'kode_tps': coalesce(k.kode_tps, ''),
                     'uraian': k.uraian, 'tanggapan': k.tanggapan, 'koreksi_id': coalesce(k.koreksi_id, '')} order by k.nomor)
        from keberatan as k where k.pleno_id = s.pleno_id
    ), []) as keberatan,
from pleno_status as s
order by s.jenis, s.kode_kontes, s.tingkat, s.kode_wilayah
