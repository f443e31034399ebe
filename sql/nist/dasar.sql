-- one row: what the NIST report header derives from the data. `dibuat` is the latest diterima_pada of
-- any submitted form, in UTC without fractions (GeneratedDate must not be the time of the run: the
-- same inputs give the same bytes); null when no form carries a time. `koreksi_berubah` counts the
-- figures of data/changelog.csv ($changelog) changed by a plenary correction since the previous release.
select
    (select strftime(max(diterima_pada) at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') from c_hasil) as dibuat,
    (select count(*) filter (where starts_with(sumber, 'koreksi:'))
        from read_csv($changelog, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"'))
        as koreksi_berubah
