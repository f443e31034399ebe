"""The steps of ``tools/build_reference.py``, one module per table it produces (dev-time only).

- ``sources``: the shared data folder read once (the Sirekap snapshot and its codes);
- ``wilayah``: the region code list (wilayah.csv), with the Papua Barat Daya handling;
- ``contests``: the contests and their candidate pairs (kontes.csv, paslon.csv);
- ``tps_votes``: TPS per kecamatan and provisional votes per kecamatan (kecamatan_tps.csv,
  kecamatan_suara.csv);
- ``penduduk``: population per contest region (penduduk.csv);
- ``source_md``: SOURCE.md, where all of it comes from;
- ``common``: CSV reading and writing, code helpers and the assertion every step fails loudly with.
"""
