# Everything a fresh machine needs: `make test` and `make demo` create .venv and install the pinned stack first.
PYTHON ?= python3
VENV ?= .venv
PY := $(abspath $(VENV))/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := cd tests && $(PY) manage.py
PG_ENV := DB_ENGINE=postgresql DB_HOST=$${DB_HOST:-127.0.0.1} DB_PORT=$${DB_PORT:-5432} \
	DB_USER=$${DB_USER:-postgres} DB_NAME=$${DB_NAME:-meeting_$$$$}

.PHONY: install test test-postgres test-async test-browser browser-deps documents-deps demo demo-db lint format migrations-check wheel-check \
	messages schema clean

$(STAMP): requirements/base.txt requirements/dev.txt setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

test-postgres: $(STAMP)
	$(PG_ENV) $(PY) -m pytest --create-db

# Mutations through Celery workers over RabbitMQ (CELERY_BROKER_URL, default amqp://guest:guest@127.0.0.1:5672//),
# as production runs them: MODE=PROD, PostgreSQL, real worker processes started and killed by the tests.
test-async: $(STAMP)
	$(PG_ENV) MODE=PROD MEETING_ASYNC_TESTS=required CELERY_TASK_DEFAULT_QUEUE=meeting_async_$$$$ \
		$(PY) -m pytest --create-db -p no:cacheprovider tests/test_async_mutations.py

# Debian's chromium and chromedriver for the browser test (apt-get, as root), installed only when missing.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver; \
	fi

# Debian's poppler-utils (pdftotext, pdftoppm) and zbar-tools (zbarimg), with which the document tests read the PDFs
# and decode their QR codes (apt-get, as root), installed only when missing.
documents-deps:
	@if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends poppler-utils zbar-tools; \
	fi

# The end-to-end test in headless Chromium against the demo host (plain `make test` skips it).
test-browser: $(STAMP)
	MEETING_BROWSER_TESTS=1 SE_OFFLINE=true $(PY) -m pytest tests/browser

demo-db: $(STAMP)
	$(MANAGE) migrate --run-syncdb --noinput
	$(MANAGE) demo_setup

demo: demo-db
	$(MANAGE) runserver --insecure $(HOST):$(PORT)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

migrations-check: $(STAMP)
	$(MANAGE) makemigrations --check --dry-run openimis_be_meeting

# Run from inside the package (django-admin, not python -m: the package's selectors/ would shadow the stdlib's selectors).
messages: $(STAMP)
	cd openimis_be_meeting && export DJANGO_SETTINGS_MODULE=host.settings PYTHONPATH=../tests && \
		$(abspath $(VENV))/bin/django-admin makemessages --locale fr --no-obsolete --no-location && \
		$(abspath $(VENV))/bin/django-admin compilemessages

wheel-check: $(STAMP)
	rm -rf dist build
	$(PY) -m build --wheel --no-isolation --outdir dist . >/dev/null
	$(PY) tests/check_wheel.py dist/*.whl

# Regenerate openimis_be_meeting/schema.graphql, the module's committed GraphQL contract.
schema: $(STAMP)
	$(PY) tests/schema_sdl.py

clean:
	rm -rf dist build *.egg-info demo.sqlite3
