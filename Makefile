# Ratsbot: every task is one make target. `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
# pytest-xdist workers: most tests wait on local servers, subprocesses and databases, so more
# workers than the 2 cores of a developer machine still pay. One file runs on one worker
# (--dist loadfile), so module-scoped fixtures (the demo run, the search corpus) are built once.
TEST_WORKERS ?= 4
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest bench bench-quick migrations clean endpoints corpus

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/ratsbot demo

test: install lint typecheck
	.ci/with-postgres $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

lint: install
	$(BIN)/ruff check bot fetcher storage standins tests bench
	$(BIN)/ruff format --check bot fetcher storage standins tests bench
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

bench: install
	.ci/with-postgres $(BIN)/python -m bench

bench-quick: install
	$(BIN)/python -m bench --quick

# Regenerate the migration after a model change (tortoise's built-in migrations).
migrations: install
	$(BIN)/tortoise -c storage.tortoise_conf.TORTOISE_ORM makemigrations

clean:
	rm -rf $(VENV) data/demo .pytest_cache .mypy_cache .ruff_cache

# fetcher/data/endpoints.json from the registry copy and fetcher/data/endpoint-corrections.json
endpoints: install
	$(BIN)/ratsbot endpoints build

# tests/corpus texts: materialized from the fetched git snapshots (RATSBOT_CORPUS_SNAPSHOTS,
# default ../.mirror) into .cache/corpus/, each checked against its label's sha256.
corpus: install
	$(BIN)/python -m tests.corpus_data
