# rekap: `make demo` and `make test` work from a fresh clone with only python3 (3.11) installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)
UV_VERSION := 0.13.9
DEMO_PKG := build/sample-kaltim
DEMO_OUT := build/rilis-kaltim

.PHONY: setup demo test bench clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode -p $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet -p $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

# The Kaltim recap: Pilgub Kaltim and its 10 regent/mayor contests, 6,274 TPS.
demo: setup
	$(BIN)/rekap sample --scope kaltim --out $(DEMO_PKG)
	$(BIN)/rekap run --input $(DEMO_PKG) --out $(DEMO_OUT); rc=$$?; \
	  echo "rilis terbaru: $(DEMO_OUT)/latest -> $$(readlink $(DEMO_OUT)/latest) (kode keluar $$rc)"; \
	  test $$rc -eq 0 -o $$rc -eq 3

test: setup
	$(BIN)/python -m pytest -q

# National scale (435,296 TPS): prints wall time and peak memory per stage.
bench: setup
	$(BIN)/python bench/run_national.py

clean:
	rm -rf build .prefect
