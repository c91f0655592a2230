# Two set-up commands: `make run` and `make test`. Both create .venv and install the
# pinned dependencies the first time (CPU torch from torch==2.13.0), then reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run test bench bench-scale lint clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Ingest the sample articles into an empty index, then answer: on Discord when
# DISCORD_TOKEN is set, otherwise in the terminal.
run: install
	$(BIN)/newsdesk ingest data/sample --if-empty
	@if [ -n "$$DISCORD_TOKEN" ]; then exec $(BIN)/newsdesk run; else exec $(BIN)/newsdesk chat; fi

# Two workers (pytest-xdist), one a core: most of the suite's time is real processes (ingests,
# `chroma run`, the bot) starting up and waiting, and run one at a time it took 13-14 minutes
# here. The tests that start several processes run in one worker, one after another (see
# tests/conftest.py); a test marked `alone` runs after the rest, by itself. `.venv/bin/pytest`
# alone still runs the whole suite in one process.
test: install
	$(BIN)/pytest -q -n 2 --dist loadgroup -m "not alone"
	$(BIN)/pytest -q -m alone

# Benchmarks read ../shared/data/rtqa (not part of the repository).
bench: install
	$(BIN)/python bench/run_bench.py

# Growth benchmark: synthetic archives of about 10k, 100k and 1M chunks (long: about an hour).
bench-scale: install
	$(BIN)/python bench/bench_scale.py

lint: install
	$(BIN)/ruff check newsdesk ingest bot tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var
