# rekap: `make demo` and `make test` work from a fresh clone with only python3 (3.11) installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)
UV_VERSION := 0.13.9
DEMO_PKG := build/sample-kaltim
DEMO_OUT := build/rilis-kaltim

.PHONY: setup demo test bench loadtest clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode -p $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet -p $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

# The Kaltim recap: Pilgub Kaltim and its 10 regent/mayor contests, 6,274 TPS. First the provisional
# release, then the sample's plenaries adopt it on the 2024 timetable (one kab/kota late) and a
# second run, after the MK window, shows the adopted results and the penetapan calon terpilih.
DEMO_NOW := 2025-01-09T10:00:00+08:00
demo: setup
	$(BIN)/rekap sample --scope kaltim --out $(DEMO_PKG)
	$(BIN)/rekap run --input $(DEMO_PKG) --out $(DEMO_OUT); rc=$$?; \
	  echo "rilis sementara: $(DEMO_OUT)/latest -> $$(readlink $(DEMO_OUT)/latest) (kode keluar $$rc)"; \
	  test $$rc -eq 0 -o $$rc -eq 3
	$(BIN)/rekap pleno contoh --input $(DEMO_PKG) --out $(DEMO_OUT)
	$(BIN)/rekap run --input $(DEMO_PKG) --out $(DEMO_OUT) --sekarang $(DEMO_NOW); rc=$$?; \
	  echo "rilis setelah pleno: $(DEMO_OUT)/latest -> $$(readlink $(DEMO_OUT)/latest) (kode keluar $$rc)"; \
	  test $$rc -eq 0 -o $$rc -eq 3

# Two pytest-xdist workers (the machine's 2 cores); tests sharing a module's fixture stay on one
# worker (tests/conftest.py); the 15 slowest tests are listed at the end.
test: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup --durations=15

# National scale (435,296 TPS): rekap beside a bare-DuckDB floor and a pandas peer, the CLI,
# HTML/PDF, an incremental run and a 1k/10k/100k/national scaling series; prints one table and
# writes bench/results.json (see bench/README.md). BENCH_QUICK=1 stops at 100k TPS.
bench: setup
	$(BIN)/python bench/run_national.py

# The portal under load on loopback: 50 clients for 20 s over the drill-down pages of a Kaltim
# release (built once into build/, without reports); prints requests, p50/p95/p99 and errors,
# fails on any error. LOAD_ARGS adds options, e.g. LOAD_ARGS="--jeda-ms 1000 --p99-ms 200".
LOAD_PKG := build/loadtest-sample-kaltim
LOAD_OUT := build/loadtest-kaltim
loadtest: setup
	if [ ! -e $(LOAD_OUT)/latest ]; then \
	  $(BIN)/rekap sample --scope kaltim --out $(LOAD_PKG) || exit 1; \
	  $(BIN)/rekap run --input $(LOAD_PKG) --out $(LOAD_OUT) --tanpa-laporan; rc=$$?; \
	  test $$rc -eq 0 -o $$rc -eq 3 || exit $$rc; \
	fi
	$(BIN)/python tools/loadtest.py --out $(LOAD_OUT) --clients 50 --seconds 20 $(LOAD_ARGS)

clean:
	rm -rf build .prefect
