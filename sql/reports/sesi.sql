-- reports/sesi: the reports' read-only connection prints no progress bar into the run's logs.
set enable_progress_bar = false
