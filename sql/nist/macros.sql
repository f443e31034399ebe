-- Helpers of the NIST SP 1500-100 export (sql/nist/*.sql); run once before them by rekap/nist.py.

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

-- The export's relations (nist_unit, nist_kontes, nist_pilihan, nist_suara) live in an in-memory
-- database of the run's DuckDB instance: visible to the two cursors that render XML and JSON at
-- once, never written into the run's database file.
attach if not exists ':memory:' as nist_kerja;
