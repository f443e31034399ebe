-- Helpers of the NIST SP 1500-100 export (sql/nist_*.sql); run once before them by rekap/nist.py.

-- Text as XML character data / attribute value: the five special characters escaped, and the
-- C0 control characters XML 1.0 forbids dropped (a name carrying one would make the file unreadable).
create or replace macro nist_xml(teks) as
    replace(replace(replace(replace(replace(
        regexp_replace(teks, '[\x00-\x08\x0B\x0C\x0E-\x1F]', '', 'g'),
        '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&apos;');

-- Text as a JSON string literal (quotes included), with the same characters dropped as in XML so
-- that both files carry the very same names.
create or replace macro nist_json(teks) as
    to_json(regexp_replace(teks, '[\x00-\x08\x0B\x0C\x0E-\x1F]', '', 'g'))::varchar;

-- An InternationalizedText's content in Indonesian (BallotName, Name of a unit, an office, the election).
create or replace macro nist_xml_teks(teks) as '<Text Language="id">' || nist_xml(teks) || '</Text>';
create or replace macro nist_json_teks(teks) as
    '{"@type":"ElectionResults.InternationalizedText","Text":[{"@type":"ElectionResults.LanguageString",'
    || '"Content":' || nist_json(teks) || ',"Language":"id"}]}';

-- ObjectId of a reporting unit: a Kemendagri code (or a TPS code) prefixed to make an XML name.
create or replace macro nist_ru(kode) as 'ru-' || kode;

-- The votes of a level's units that count (at least one TPS under them passed every check), from
-- its hasil_<level> and administrasi_<level> tables.
create or replace macro nist_suara_terhitung(hasil, administrasi) as table
    select h.jenis, h.kode_kontes, h.kode_wilayah, h.nomor_urut, h.suara
    from query_table(hasil) as h
    semi join query_table(administrasi) as a
        on a.jenis = h.jenis and a.kode_kontes = h.kode_kontes and a.kode_wilayah = h.kode_wilayah
        and a.tps_lolos > 0;

-- The export's relations (nist_unit, nist_kontes, nist_pilihan, nist_suara) live in an in-memory
-- database of the run's DuckDB instance: visible to the two cursors that render XML and JSON at
-- once, never written into the run's database file.
attach if not exists ':memory:' as nist_kerja;
