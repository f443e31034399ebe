-- election_report.json: the same ElectionReport as election_report.xml in NIST's JSON format
-- ("@type" ElectionResults.<class>, "@id" for ObjectId, arrays for repeated elements and IDREFS), one
-- fragment per row in document order (same sort keys as nist_xml.sql), streamed as raw lines. An
-- array element carries its leading comma unless it is the array's first: the first VoteCounts
-- of a selection is the contest's own top unit (kode_wilayah = kode_kontes), the first GpUnit the
-- country root.
copy (
    with
    candidate_rows as (
        select
            p.*,
            k.urutan as k,
            row_number() over (order by k.urutan, p.nomor_urut) as ke,
            row_number() over (partition by p.jenis, p.kode_kontes order by p.nomor_urut) as ke_di_kontes,
        from nist_kerja.nist_pilihan as p
        join nist_kerja.nist_kontes as k on k.jenis = p.jenis and k.kode_kontes = p.kode_kontes
    ),
    prolog as (
        select 0 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '{"@type":"ElectionResults.ElectionReport",' || chr(10)
            || '"Election":[{"@type":"ElectionResults.Election",' || chr(10)
            || '"Candidate":[' as line
    ),
    candidates as (
        select 1 as b, k, nomor_urut as n, 0 as s, 0 as u, '' as kode,
            case when ke = 1 then '' else ',' end
            || '{"@id":"cand-' || jenis || '-' || kode_kontes || '-' || nomor_urut || '",'
            || '"@type":"ElectionResults.Candidate",'
            || '"BallotName":' || nist_json_teks(nama) || ','
            || '"ExternalIdentifier":[{"@type":"ElectionResults.ExternalIdentifier","OtherType":"nomor-urut",'
            || '"Type":"other","Value":"' || nomor_urut || '"}'
            || case when kolom_kosong
                then ',{"@type":"ElectionResults.ExternalIdentifier","OtherType":"kolom-kosong","Type":"other","Value":"true"}'
                else '' end
            || ']'
            || case when status_akhir is not null then ',"PostElectionStatus":"' || status_akhir || '"' else '' end
            || '}' as line
        from candidate_rows
    ),
    contest_heads as (
        select 2 as b, urutan as k, 0 as n, 0 as s, 0 as u, '' as kode,
            case when urutan = 1 then '],' || chr(10) || '"Contest":[' else ',' end || chr(10)
            || '{"@id":"contest-' || jenis || '-' || kode_kontes || '","@type":"ElectionResults.CandidateContest",'
            || '"ContestSelection":[' as line
        from nist_kerja.nist_kontes
    ),
    selection_heads as (
        select 2 as b, k, nomor_urut as n, 0 as s, 0 as u, '' as kode,
            case when ke_di_kontes = 1 then '' else ',' end
            || '{"@id":"sel-' || jenis || '-' || kode_kontes || '-' || nomor_urut || '",'
            || '"@type":"ElectionResults.CandidateSelection","SequenceOrder":' || nomor_urut || ',"VoteCounts":[' as line
        from candidate_rows
    ),
    vote_counts as (
        select 2 as b, k.urutan as k, v.nomor_urut as n, 1 as s, v.urutan as u, v.kode_wilayah as kode,
            -- concat(), not ||: one string built per row (the bulk of a national file)
            concat(case when v.kode_wilayah = v.kode_kontes then '' else ',' end,
                '{"@type":"ElectionResults.VoteCounts","Count":', v.suara, ',"GpUnitId":"', nist_ru(v.kode_wilayah),
                '","Type":"total"}') as line
        from nist_kerja.nist_suara as v
        join nist_kerja.nist_kontes as k on k.jenis = v.jenis and k.kode_kontes = v.kode_kontes
    ),
    selection_tails as (
        select 2 as b, k, nomor_urut as n, 2 as s, 0 as u, '' as kode,
            '],"CandidateIds":["cand-' || jenis || '-' || kode_kontes || '-' || nomor_urut || '"]}' as line
        from candidate_rows
    ),
    contest_tails as (
        select 2 as b, urutan as k, 2147483647 as n, 0 as s, 0 as u, '' as kode,
            '],"CountStatus":[{"@type":"ElectionResults.CountStatus","Status":"' || status_hitung || '","Type":"total"}],'
            || '"ElectionDistrictId":"' || nist_ru(kode_kontes) || '",'
            || '"ExternalIdentifier":[{"@type":"ElectionResults.ExternalIdentifier","OtherType":"jenis-pemilihan",'
            || '"Type":"other","Value":"' || jenis || '"},'
            || '{"@type":"ElectionResults.ExternalIdentifier","Type":"national-level","Value":"' || kode_kontes || '"}],'
            || '"Name":' || nist_json(nama) || ','
            || '"NumberElected":1,'
            || '"OfficeIds":["office-' || jenis || '-' || kode_kontes || '"],'
            || '"SequenceOrder":' || urutan || ','
            || '"SubUnitsReported":' || tps_lolos || ','
            || '"TotalSubUnits":' || tps_total || ','
            || '"VoteVariation":"' || cara_pilih || '",'
            || '"VotesAllowed":1}' as line
        from nist_kerja.nist_kontes
    ),
    election_tail as (
        select 3 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            -- with no contest the Candidate array is still open: close it and give an empty Contest array
            case when (select count(*) from nist_kerja.nist_kontes) = 0 then '],"Contest":[' else '' end
            || '],' || chr(10)
            || '"ElectionScopeId":"' || nist_ru('id') || '",'
            || '"EndDate":"' || $tanggal || '",'
            || '"Name":' || nist_json_teks($nama_pemilihan) || ','
            || '"StartDate":"' || $tanggal || '",'
            || '"Type":"general"}],' || chr(10)
            || '"Format":"precinct-level",' || chr(10)
            || '"GeneratedDate":"' || $dibuat || '",' || chr(10)
            || '"GpUnit":[' as line
    ),
    units as (
        select 4 as b, 0 as k, 0 as n, 0 as s, urutan as u, kode,
            concat(
                case when tingkat = 'negara' then '' else ',' end,
                '{"@id":"', nist_ru(kode), '","@type":"ElectionResults.ReportingUnit",',
                case when anak is not null then concat('"ComposingGpUnitIds":', to_json(anak)::varchar, ',') else '' end,
                '"ExternalIdentifier":[{"@type":"ElectionResults.ExternalIdentifier",',
                case when tingkat = 'negara'
                    then '"Type":"ocd-id","Value":"ocd-division/country:id"}],'
                    else concat('"Type":"national-level","Value":"', kode, '"}],') end,
                '"Name":', nist_json_teks(nama), ',',
                case when jenis_lain is not null then concat('"OtherType":"', jenis_lain, '",') else '' end,
                '"SubUnitsReported":', tps_lapor, ',',
                '"TotalSubUnits":', tps_total, ',',
                '"Type":"', jenis_unit, '",',
                case when pengguna is not null then concat('"VotersParticipated":', pengguna, ',') else '' end,
                '"VotersRegistered":', dpt, '}'
            ) as line
        from nist_kerja.nist_unit
    ),
    issuer as (
        select 5 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '],' || chr(10)
            || '"Issuer":' || nist_json($penerbit) || ',' || chr(10)
            || '"IssuerAbbreviation":' || nist_json($singkatan_penerbit) || ',' || chr(10)
            || '"Notes":' || nist_json($catatan) || ',' || chr(10)
            || '"Office":[' as line
    ),
    offices as (
        select 6 as b, urutan as k, 0 as n, 0 as s, 0 as u, '' as kode,
            case when urutan = 1 then '' else ',' end
            || '{"@id":"office-' || jenis || '-' || kode_kontes || '","@type":"ElectionResults.Office",'
            || '"ElectionDistrictId":"' || nist_ru(kode_kontes) || '",'
            || '"Name":' || nist_json_teks(jabatan) || '}' as line
        from nist_kerja.nist_kontes
    ),
    epilog as (
        select 7 as b, 0 as k, 0 as n, 0 as s, 0 as u, '' as kode,
            '],' || chr(10)
            || '"SequenceEnd":1,' || chr(10)
            || '"SequenceStart":1,' || chr(10)
            || '"Status":"' || $status || '",' || chr(10)
            || '"VendorApplicationId":' || nist_json($aplikasi) || '}' as line
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
