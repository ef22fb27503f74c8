# Newsroom: `make run` serves the demo site, `make test` runs the whole suite, `make docs` builds the docs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

# The production path: PostgreSQL and Redis on loopback (.ci/run starts both).
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
REDIS_URL ?= redis://127.0.0.1:6379/1

.PHONY: run test test-postgres matrix load spam-benchmark lint worker dist docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@# The same releases as wheels, for tests/plugin/test_install.py to install the built wheel from, offline.
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(VENV)/wheelhouse -r requirements.txt
	touch $@

# The validators' parts that are not Python (tests/validators/tools.py): the Nu HTML Checker (vnu.jar) and
# sitemaps.org's sitemap.xsd, from npm, pinned, into .venv/npm (third-party files, never committed; no install
# scripts run). Without npm nothing is installed and the tests that need them are skipped, saying why;
# .ci/run installs npm and Java from Debian's packages.
NPM_TOOLS := vnu-jar@26.9.27 sitemap@9.0.1
$(VENV)/npm/.installed: Makefile | $(BIN)/python
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --ignore-scripts --prefix $(VENV)/npm $(NPM_TOOLS) && touch $@; \
	else \
		echo "npm is missing: the validator tests that need vnu.jar and sitemap.xsd will be skipped."; \
	fi

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py load_demo --domain 127.0.0.1:$(PORT)
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "Starting the task worker (mail, re-checks, privacy clean-up) in the background."
	$(BIN)/python manage.py db_worker --interval 1 & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed $(VENV)/npm/.installed
	$(BIN)/python manage.py makemigrations newsroom_articles newsroom_comments newsroom_spam --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory docs
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered --cov-fail-under=95 -rs $(PYTEST_ARGS)

# The install test (-m install: the wheel in a fresh project with its own SQLite) and the proxy tests (-m proxy:
# nginx and Varnish in front of gunicorn on a SQLite demo of their own) ran on the SQLite run already.
test-postgres: $(VENV)/.installed
	DATABASE_URL="$(PG_URL)" CACHE_URL="$(REDIS_URL)" $(MAKE) test PYTEST_ARGS='-m "not install and not proxy" $(PYTEST_ARGS)'

# The Django 6 legs of the test matrix (noxfile.py: Django 6.0 and 6.1 on Python 3.12 and 3.13, SQLite),
# reusing nox's virtualenvs in .nox/; `make matrix NOX_ARGS='-s "tests(django6.1-py3.13)"'` runs one leg.
NOX_ARGS ?= -t django6
matrix: $(VENV)/.installed $(VENV)/npm/.installed
	$(BIN)/nox --reuse-existing-virtualenvs $(NOX_ARGS)

# Load test under gunicorn with wrk, and through nginx running deploy/nginx.conf (both installed from Debian's
# packages if missing); see benchmarks/load.py.
load: $(VENV)/.installed
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	test -x /usr/sbin/nginx || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light)
	$(BIN)/python benchmarks/load.py

# The spam filter beside a reference model (TF-IDF + logistic regression, scikit-learn), on a throwaway SQLite
# database, in the three protocols of benchmarks/spam_filter.py: TubeSpam leave one video out, a stream over the
# article-style comments in benchmarks/data, and TubeSpam learned first then that stream. The TubeSpam collection
# stays beside the repository (TUBESPAM=<folder>); without it those protocols are skipped with a message.
# SPAM_BENCHMARK_ARGS='--json' or '--only stream' for others; manage.py spam_benchmark measures any CSV files.
TUBESPAM ?= ../shared/datasets/tubespam
SPAM_BENCHMARK_ARGS ?=
spam-benchmark: $(VENV)/.installed
	$(BIN)/python benchmarks/spam_filter.py --tubespam $(TUBESPAM) $(SPAM_BENCHMARK_ARGS)

worker: $(VENV)/.installed
	$(BIN)/python manage.py db_worker

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The documentation (docs/, Sphinx) in docs/_build/html/, built afresh (-E) with warnings and unresolved
# references as errors (-W -n); the settings and commands reference pages are written from the code.
docs: $(VENV)/.installed
	$(BIN)/sphinx-build -E -W --keep-going -n -q -b html docs docs/_build/html

# The sdist and wheel of django-newsroom (the two apps; pyproject.toml, MANIFEST.in) in dist/, checked by twine.
dist: $(VENV)/.installed
	rm -rf dist build *.egg-info
	$(BIN)/python -m build
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf $(VENV) .nox staticfiles .pytest_cache .coverage htmlcov dist build *.egg-info docs/_build
