-- election_report.xml: the NIST SP 1500-100 v2 ElectionReport of the release, one fragment per row
-- written in document order (sort keys: section, contest, ballot number, step, level, code) as raw
-- lines (no CSV quoting), so that a national file is streamed by DuckDB, never held in memory.
-- Element order follows the XSD's sequences. Report-level values come in as parameters.
copy (
    with
    prolog as (
        select 0 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '<?xml version="1.0" encoding="UTF-8"?>' || chr(10)
            || '<ElectionReport xmlns="http://itl.nist.gov/ns/voting/1500-100/v2" '
            || 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' || chr(10)
            || '  <Election>' as line
    ),
    candidates as (
        select 1 as b, k.urutan as k, p.nomor_urut as n, 0 as s, 0 as u, '' as kode,
            '    <Candidate ObjectId="cand-' || p.jenis || '-' || p.kode_kontes || '-' || p.nomor_urut || '">' || chr(10)
            || '      <BallotName>' || nist_xml_teks(p.nama) || '</BallotName>' || chr(10)
            || '      <ExternalIdentifier><Type>other</Type><OtherType>nomor-urut</OtherType><Value>'
            || p.nomor_urut || '</Value></ExternalIdentifier>' || chr(10)
            || case when p.kolom_kosong
                then '      <ExternalIdentifier><Type>other</Type><OtherType>kolom-kosong</OtherType>'
                    || '<Value>true</Value></ExternalIdentifier>' || chr(10)
                else '' end
            || case when p.status_akhir is not null
                then '      <PostElectionStatus>' || p.status_akhir || '</PostElectionStatus>' || chr(10)
                else '' end
            || '    </Candidate>' as line
        from nist_kerja.nist_pilihan as p
        join nist_kerja.nist_kontes as k on k.jenis = p.jenis and k.kode_kontes = p.kode_kontes
    ),
    contest_heads as (
        select 2 as b, urutan as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '    <Contest xsi:type="CandidateContest" ObjectId="contest-' || jenis || '-' || kode_kontes || '">' as line
        from nist_kerja.nist_kontes
    ),
    selection_heads as (
        select 2 as b, k.urutan as k, p.nomor_urut as n, 0 as s, 0 as u, '' as kode,
            '      <ContestSelection xsi:type="CandidateSelection" ObjectId="sel-' || p.jenis || '-' || p.kode_kontes
            || '-' || p.nomor_urut || '">' || chr(10)
            || '        <SequenceOrder>' || p.nomor_urut || '</SequenceOrder>' as line
        from nist_kerja.nist_pilihan as p
        join nist_kerja.nist_kontes as k on k.jenis = p.jenis and k.kode_kontes = p.kode_kontes
    ),
    vote_counts as (
        select 2 as b, k.urutan as k, v.nomor_urut as n, 1 as s, v.urutan as u, v.kode_wilayah as kode,
            -- concat(), not ||: one string built per row (the bulk of a national file)
            concat('        <VoteCounts><GpUnitId>', nist_ru(v.kode_wilayah), '</GpUnitId><Type>total</Type><Count>',
                v.suara, '</Count></VoteCounts>') as line
        from nist_kerja.nist_suara as v
        join nist_kerja.nist_kontes as k on k.jenis = v.jenis and k.kode_kontes = v.kode_kontes
    ),
    selection_tails as (
        select 2 as b, k.urutan as k, p.nomor_urut as n, 2 as s, 0 as u, '' as kode,
            '        <CandidateIds>cand-' || p.jenis || '-' || p.kode_kontes || '-' || p.nomor_urut || '</CandidateIds>'
            || chr(10) || '      </ContestSelection>' as line
        from nist_kerja.nist_pilihan as p
        join nist_kerja.nist_kontes as k on k.jenis = p.jenis and k.kode_kontes = p.kode_kontes
    ),
    contest_tails as (
        select 2 as b, urutan as k, 2147483647 as n, 0 as s, 0 as u, '' as kode,
            '      <CountStatus><Status>' || status_hitung || '</Status><Type>total</Type></CountStatus>' || chr(10)
            || '      <ElectionDistrictId>' || nist_ru(kode_kontes) || '</ElectionDistrictId>' || chr(10)
            || '      <ExternalIdentifier><Type>other</Type><OtherType>jenis-pemilihan</OtherType><Value>'
            || jenis || '</Value></ExternalIdentifier>' || chr(10)
            || '      <ExternalIdentifier><Type>national-level</Type><Value>' || kode_kontes
            || '</Value></ExternalIdentifier>' || chr(10)
            || '      <Name>' || nist_xml(nama) || '</Name>' || chr(10)
            || '      <SequenceOrder>' || urutan || '</SequenceOrder>' || chr(10)
            || '      <SubUnitsReported>' || tps_lolos || '</SubUnitsReported>' || chr(10)
            || '      <TotalSubUnits>' || tps_total || '</TotalSubUnits>' || chr(10)
            || '      <VoteVariation>' || cara_pilih || '</VoteVariation>' || chr(10)
            || '      <NumberElected>1</NumberElected>' || chr(10)
            || '      <OfficeIds>office-' || jenis || '-' || kode_kontes || '</OfficeIds>' || chr(10)
            || '      <VotesAllowed>1</VotesAllowed>' || chr(10)
            || '    </Contest>' as line
        from nist_kerja.nist_kontes
    ),
    election_tail as (
        select 3 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '    <ElectionScopeId>' || nist_ru('id') || '</ElectionScopeId>' || chr(10)
            || '    <Name>' || nist_xml_teks($nama_pemilihan) || '</Name>' || chr(10)
            || '    <StartDate>' || $tanggal || '</StartDate>' || chr(10)
            || '    <EndDate>' || $tanggal || '</EndDate>' || chr(10)
            || '    <Type>general</Type>' || chr(10)
            || '  </Election>' || chr(10)
            || '  <Format>precinct-level</Format>' || chr(10)
            || '  <GeneratedDate>' || $dibuat || '</GeneratedDate>' as line
    ),
    units as (
        select 4 as b, 0 as k, 0 as n, 0 as s, urutan as u, kode,
            concat(
                '  <GpUnit xsi:type="ReportingUnit" ObjectId="', nist_ru(kode), '">', chr(10),
                case when anak is not null
                    then concat('    <ComposingGpUnitIds>', array_to_string(anak, ' '), '</ComposingGpUnitIds>', chr(10))
                    else '' end,
                case when tingkat = 'negara'
                    then '    <ExternalIdentifier><Type>ocd-id</Type><Value>ocd-division/country:id</Value></ExternalIdentifier>'
                    else concat('    <ExternalIdentifier><Type>national-level</Type><Value>', kode,
                                '</Value></ExternalIdentifier>')
                    end, chr(10),
                '    <Name>', nist_xml_teks(nama), '</Name>', chr(10),
                '    <SubUnitsReported>', tps_lapor, '</SubUnitsReported>', chr(10),
                '    <TotalSubUnits>', tps_total, '</TotalSubUnits>', chr(10),
                '    <Type>', jenis_unit, '</Type>', chr(10),
                case when jenis_lain is not null then concat('    <OtherType>', jenis_lain, '</OtherType>', chr(10)) else '' end,
                case when pengguna is not null
                    then concat('    <VotersParticipated>', pengguna, '</VotersParticipated>', chr(10))
                    else '' end,
                '    <VotersRegistered>', dpt, '</VotersRegistered>', chr(10),
                '  </GpUnit>'
            ) as line
        from nist_kerja.nist_unit
    ),
    issuer as (
        select 5 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '  <Issuer>' || nist_xml($penerbit) || '</Issuer>' || chr(10)
            || '  <IssuerAbbreviation>' || nist_xml($singkatan_penerbit) || '</IssuerAbbreviation>' || chr(10)
            || '  <Notes>' || nist_xml($catatan) || '</Notes>' as line
    ),
    offices as (
        select 6 as b, urutan as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '  <Office ObjectId="office-' || jenis || '-' || kode_kontes || '">' || chr(10)
            || '    <ElectionDistrictId>' || nist_ru(kode_kontes) || '</ElectionDistrictId>' || chr(10)
            || '    <Name>' || nist_xml_teks(jabatan) || '</Name>' || chr(10)
            || '  </Office>' as line
        from nist_kerja.nist_kontes
    ),
    epilog as (
        select 7 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '  <SequenceStart>1</SequenceStart>' || chr(10)
            || '  <SequenceEnd>1</SequenceEnd>' || chr(10)
            || '  <Status>' || $status || '</Status>' || chr(10)
            || '  <VendorApplicationId>' || nist_xml($aplikasi) || '</VendorApplicationId>' || chr(10)
            || '</ElectionReport>' as line
    ),
    final as (
        select * from prolog
        union all select * from candidates
        union all select * from contest_heads
        union all select * from selection_heads
        union all select * from vote_counts
        union all select * from selection_tails
        union all select * from contest_tails
        union all select * from election_tail
        union all select * from units
        union all select * from issuer
        union all select * from offices
        union all select * from epilog
    )
    select line from final
    order by b, k, n, s, u, kode
) to $path (format csv, header false, quote '', escape '')
