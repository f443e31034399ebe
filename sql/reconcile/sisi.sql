-- reconcile/sisi: one row per (side, contest, level, unit, ballot number) being reconciled:
-- `rekap` (the release reconciled) and `pembanding` (the second source). suara is null where the
-- side shows no figure (a unit with no TPS counted, a key Sirekap did not publish); nomor_urut is
-- null on the one row of a unit that shows no votes at all.
create or replace temp table sisi (
    sisi varchar,
    jenis varchar,
    kode_kontes varchar,
    tingkat varchar,
    kode_wilayah varchar,
    nama_wilayah varchar,
    nomor_urut integer,
    nama_paslon varchar,
    suara bigint,
    tps_total bigint,
    tps_progres bigint,
)
