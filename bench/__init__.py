"""`make bench`: rekap beside a bare-DuckDB floor and a pandas peer, plus a scaling series.

Modules: `run_national` (the driver), `measure` (child processes: wall, CPU, peak RSS), `sqlrun`
(runs `bench/sql/*.sql`), `packages` (what floor and peer accept), `floor` (bare DuckDB),
`peer_pandas` (pandas), `rekap_inprocess` (rekap's stages timed), `agreement` (each contender
against rekap's release), `subsets` (smaller packages for the scaling series), `extras` (CLI,
incremental run, PDF sample via `pdf_subset`) and `table` (results.json and the printed table).
"""
