# The two commands: `make run` (embedded default, demo city) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast test-pgbouncer lint check-deploy messages bench clean sysdeps-run sysdeps-test

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	@touch $@

sysdeps-run:
	@scripts/sysdeps.sh run || echo "PDF documents need the packages named above; the portal runs without them."

sysdeps-test:
	@scripts/sysdeps.sh test

## make run: SQLite under var/, the demo city, http://127.0.0.1:8000; web + Celery worker + beat
## on an embedded broker under var/broker (scripts/run_portal.py; Ctrl-C stops all three)
run: $(VENV)/.installed sysdeps-run
	@mkdir -p var
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo --quiet
	$(MANAGE) compilemessages -v0 --ignore=.venv 2>/dev/null || true
	@HOST=$(HOST) PORT=$(PORT) $(PY) scripts/print_demo_logins.py
	@HOST=$(HOST) PORT=$(PORT) $(PY) scripts/run_portal.py

## make test: the whole suite; against PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set.
## One pytest-xdist worker per core (PYTEST_WORKERS=auto; a number, or 0 for one process);
## each worker has its own test database, Redis database number (REDIS_URL's + its index),
## media folder and ports (docs/development.md). Whole modules go to one worker (loadfile),
## so a module's shared fixture world is built once.
PYTEST_WORKERS ?= auto
PYTEST_XDIST = -n $(PYTEST_WORKERS) --dist loadfile
test: $(VENV)/.installed sysdeps-test
	$(VENV)/bin/pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

## make test-fast: the suite without the slow tests (browser, fault injection, bench, fuzz)
test-fast: $(VENV)/.installed sysdeps-test
	$(VENV)/bin/pytest $(PYTEST_XDIST) -m "not slow" $(PYTEST_ARGS)

## make test-pgbouncer: the `pgbouncer` subset (tests/conftest.py PGBOUNCER_MODULES) again,
## through a private PgBouncer in transaction mode in front of DATABASE_URL's server
test-pgbouncer: $(VENV)/.installed sysdeps-test
	PY=$(PY) PYTEST=$(VENV)/bin/pytest scripts/test_pgbouncer.sh $(PYTEST_ARGS)

## make lint: ruff, the import layers, mypy (every app; config and cache in pyproject.toml and
## .mypy_cache/), migrations in step with the models, the deploy checks
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) check-deploy

check-deploy: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=enforcement_portal.settings.production \
	SECRET_KEY=check-deploy-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') \
	ALLOWED_HOSTS=portal.example.gov.cn \
	$(MANAGE) check --deploy --fail-level WARNING

messages: $(VENV)/.installed
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=var --ignore=bench --no-obsolete
	$(MANAGE) compilemessages -l zh_Hans --ignore=.venv

## make bench: every timing beside its comparison on a generated 10k city (portal_bench_10k);
## BENCH_ARGS="all --scale 1m" for the city-scale run, "all --scale 1m --reuse" to re-measure
BENCH_ARGS ?= all --scale 10k
bench: $(VENV)/.installed
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf var/portal.sqlite3 var/staticfiles var/broker var/cache
