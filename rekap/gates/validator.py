"""Great Expectations, imported here only and lazily (it costs seconds to import): one ephemeral
context per run holding the suites of expectations/ and a pandas datasource."""

from __future__ import annotations

import importlib
import threading
from typing import Any

import pandas as pd

from rekap.gates.catalogue import Gate, suite_spec


class Validator:
    """One ephemeral GX context for a run: the suites of expectations/ and a pandas datasource."""

    def __init__(self) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import (DataContextConfig, InMemoryStoreBackendDefaults,
                                                                 ProgressBarsConfig)

        self._gx = gx
        # in memory only: no data-docs site (its pages pull CDN assets), no analytics, no progress bars
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        )
        self._context = gx.get_context(project_config=config, mode="ephemeral")
        self._source = self._context.data_sources.add_pandas("rekap")
        self._suites: dict[str, Any] = {}
        self._batches: dict[str, Any] = {}

    def suite(self, gate: Gate):
        if gate.name not in self._suites:
            self._suites[gate.name] = self._context.suites.add(self._gx.ExpectationSuite(**suite_spec(gate)))
        return self._suites[gate.name]

    def columns(self, gate: Gate) -> list[str]:
        """The columns a suite's expectations read: the only ones handed to GX."""
        names = set()
        for expectation in self.suite(gate).expectations:
            config = expectation.configuration
            names.update(v for k, v in config.kwargs.items() if k in ("column", "column_A", "column_B"))
        return sorted(names)

    def validate(self, gate: Gate, frame: pd.DataFrame):
        if gate.name not in self._batches:
            asset = self._source.add_dataframe_asset(gate.name)
            self._batches[gate.name] = asset.add_batch_definition_whole_dataframe("semua")
        batch = self._batches[gate.name].get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(self.suite(gate), result_format={
            "result_format": "COMPLETE",
            "unexpected_index_column_names": ["_baris"],
            "return_unexpected_index_query": False,
        })


def preload_in_background() -> threading.Thread:
    """Start importing Great Expectations while DuckDB ingests (importing takes seconds of pure
    Python; DuckDB's work runs outside the GIL). The gate's own import then finds it done."""
    thread = threading.Thread(target=importlib.import_module, args=("great_expectations",),
                              name="gx-preload", daemon=True)
    thread.start()
    return thread
