"""The stages of one recap run and the one plan both runners walk.

`plan.PLAN` lists every stage in run order: its name (task name, timing label and crash point),
its plain function over a `Run`, and what it leaves in the run. `walk.walk` runs the plan; the
Prefect flow (`flows/recap.py`) walks it with each stage as a task, `walk.recap_in_process` with
plain calls (tests, benchmarks). A stage's inputs are what earlier stages left in the `Run`, never
files re-read on demand.
"""
