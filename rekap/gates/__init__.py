"""Quality gates: Great Expectations suites (expectations/*.json) over DuckDB check tables.

For each stage: build the check table (sql/gates/cek_*.sql) → validate it with its suite on a pandas
DataFrame read from DuckDB → every failing row becomes a finding in `temuan` (rule, severity,
explanation with the numbers) → the stage's units with error findings are held (sql/gates/tahan*.sql).
A gate never deletes or changes a count: it names and holds.

The catalogue (catalogue.py) says which suite checks which table at each stage; run.py runs a
stage's gates; validator.py holds Great Expectations, imported there only, lazily (it costs
seconds to import); results.py writes the saved validation results.
"""

from rekap.gates.catalogue import GATES, HOLD, Gate, suite_spec
from rekap.gates.run import GateReport, run_gates
from rekap.gates.validator import Validator, preload_in_background

__all__ = ["GATES", "HOLD", "Gate", "GateReport", "Validator", "preload_in_background", "run_gates", "suite_spec"]
