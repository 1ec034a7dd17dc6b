# Two commands on a fresh machine with python3:
#   make demo   - create .venv, install Wirebrief, load the demo corpus, print a briefing
#   make test   - install the test tools and run lint, type checks + the test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lint install bench schema clean train fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(PIP) install -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c requirements.lock -e '.[test,bench,spark,postgres]'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/wirebrief demo

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

# Longer fuzzing than CI's: fresh random cases, 1000 per target (FUZZ_EXAMPLES to change).
fuzz: $(VENV)/.installed-test
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-1000} FUZZ_RANDOM=1 $(BIN)/python -m pytest -q tests/fuzz

schema: $(VENV)/.installed
	$(BIN)/wirebrief schema -o docs/briefing.schema.json

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/summarization.py
	$(BIN)/python benchmarks/events.py
	$(BIN)/python benchmarks/timebank.py
	$(BIN)/python benchmarks/news_dates.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/long_text.py --stage brief

# Rebuild the learned models from annotation/ and ../shared (fixed seeds): the entity tagger
# first (the event coder's examples read the entity layer), then the event coder, and the
# plain-text line classifier from annotation/pages/.
train: $(VENV)/.installed-test
	$(PIP) install -c requirements.lock -e '.[train]'
	$(BIN)/python -m wirebrief.training.train_ner
	$(BIN)/python -m wirebrief.training.train_events
	$(BIN)/python -m wirebrief.training.train_lines

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
