"""The election package in: checked CSV files into typed DuckDB tables, or an InputError naming the cell.

- ``snapshot``: the run's own copy of the package, hashed, taken before anything reads it;
- ``tables``: the package's CSVs into typed tables (``load_package``), every cell checked first;
- ``csvfiles``: what a CSV reader error means, in file, line and column;
- ``sirekap_json``: a folder of Sirekap-shaped per-TPS JSON forms into a contract package
  (``convert_folder``; with ``sirekap_paslon``, ``sirekap_forms``, ``sirekap_conversion`` and
  ``json_values``), which ``tables`` then reads like any other.
"""
