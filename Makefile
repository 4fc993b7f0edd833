# Everything a fresh machine needs: `make test` and `make demo` create .venv and install the pinned stack first.
PYTHON ?= python3
VENV ?= .venv
PY := $(abspath $(VENV))/bin/python
STAMP := $(VENV)/.installed
# The demo GraphiQL page's assets (GraphiQL, React, ...) from the npm registry, pinned by package-lock.json with
# their integrity hashes, served by the instance (no CDN): the demo works without internet once set up.
ASSETS := tests/host/node_modules/.package-lock.json
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := cd tests && $(PY) manage.py
PG_ENV := DB_ENGINE=postgresql DB_HOST=$${DB_HOST:-127.0.0.1} DB_PORT=$${DB_PORT:-5432} \
	DB_USER=$${DB_USER:-postgres} DB_NAME=$${DB_NAME:-meeting_$$$$}

.PHONY: assets install test test-drf-lowest test-django test-postgres test-async test-browser browser-deps documents-deps \
	spreadsheet-deps test-spreadsheet demo demo-db lint format migrations-check wheel-check messages schema clean \
	frontend-deps frontend-build demo-frontend test-frontend

$(STAMP): requirements/base.txt requirements/dev.txt setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

# The Django TestCases shipped inside the package, run as openIMIS's module CI runs them in the assembly (whose settings,
# like the host's, set IS_TESTING when `test` is on the command line).
test-django: $(STAMP)
	cd tests && $(PY) manage.py test openimis_be_meeting

test-postgres: $(STAMP)
	$(PG_ENV) $(PY) -m pytest --create-db

# Mutations through Celery workers over RabbitMQ (CELERY_BROKER_URL, default amqp://guest:guest@127.0.0.1:5672//),
# as production runs them: MODE=PROD, PostgreSQL, real worker processes started and killed by the tests; the same
# for the participants' mail (a worker killed between the mail server's acceptance and the row's marking).
test-async: $(STAMP)
	$(PG_ENV) MODE=PROD MEETING_ASYNC_TESTS=required CELERY_TASK_DEFAULT_QUEUE=meeting_async_$$$$ \
		$(PY) -m pytest --create-db -p no:cacheprovider tests/test_async_mutations.py tests/test_mail_async.py

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
test-browser: $(STAMP) $(ASSETS)
	MEETING_BROWSER_TESTS=1 SE_OFFLINE=true $(PY) -m pytest tests/browser

# Debian's LibreOffice Calc (apt-get, as root, no recommends), installed only when soffice is missing.
spreadsheet-deps:
	@if ! command -v soffice >/dev/null 2>&1; then \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-calc; \
	fi

# The exports opened by real LibreOffice (headless): no formula evaluated, text kept (fails if soffice is missing).
test-spreadsheet: $(STAMP)
	MEETING_SPREADSHEET_TESTS=required $(PY) -m pytest tests/test_spreadsheet_software.py

$(ASSETS): tests/host/package.json tests/host/package-lock.json
	cd tests/host && npm ci --no-audit --no-fund --ignore-scripts --legacy-peer-deps --loglevel=error
	touch $(ASSETS)

assets: $(ASSETS)

# The lowest DRF the module allows (3.14.0), in a venv of its own, through the REST tests (feeds, exports, imports
# and their rights); `make test` runs the highest DRF that Django 4.2 allows (requirements/base.txt).
LOWEST := .venv-drf-lowest
test-drf-lowest:
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade "pip>=24"
	$(LOWEST)/bin/python -m pip install --quiet -r requirements/dev.txt "djangorestframework==3.14.0"
	$(LOWEST)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(LOWEST)/bin/python -m pip show djangorestframework | grep -x "Version: 3.14.0"
	$(LOWEST)/bin/python -m pytest -q -rs tests/test_rights_rest.py tests/test_personal_data_rest.py tests/test_feeds*.py \
		tests/test_exports*.py tests/test_imports*.py

demo-db: $(STAMP) $(ASSETS)
	$(MANAGE) migrate --run-syncdb --noinput
	DEMO_URL=http://$(HOST):$(PORT) $(MANAGE) demo_setup

# The outbox is delivered by send_meeting_mail --loop next to the web server (stopped with it); mail goes to
# EMAIL_HOST:EMAIL_PORT when set, otherwise to files in demo-mail/ (MEETING_MAIL_DIR), as demo_setup prints.
demo: demo-db
	$(MANAGE) send_meeting_mail --loop --reminders --interval 5 & mailer=$$!; \
		trap 'kill $$mailer' EXIT INT TERM; $(MANAGE) runserver --insecure $(HOST):$(PORT)

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

# The frontend module (frontend/, @openimis/fe-meeting): npm packages from the committed package-lock.json.
FRONT_PORT ?= 3000
NPM_STAMP := frontend/node_modules/.installed

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

frontend-deps: $(NPM_STAMP)

# The module's cjs and es builds (frontend/dist) and the small assembly that hosts it (frontend/host/dist).
frontend-build: $(NPM_STAMP)
	cd frontend && npm run build && node host/build.mjs

# The openIMIS UI with the module on http://127.0.0.1:$(FRONT_PORT)/front, against `make demo`'s backend on
# HOST:PORT (started here on the demo database, with frontend_setup's users, when nothing answers there).
demo-frontend: $(STAMP) frontend-build
	PY=$(PY) HOST=$(HOST) PORT=$(PORT) FRONT_PORT=$(FRONT_PORT) bash frontend/scripts/demo.sh

# Lint, unit tests (Jest, React Testing Library), the builds and their sizes, then headless Chromium against a
# fresh backend on HOST:PORT (its own SQLite file) behind the frontend host on FRONT_PORT; screenshots in
# frontend/screenshots/.
test-frontend: $(STAMP) $(NPM_STAMP) browser-deps
	cd frontend && npm run lint && npx jest --ci
	cd frontend && npm run build && node host/build.mjs && node scripts/size.mjs
	PY=$(PY) HOST=$(HOST) PORT=$(PORT) FRONT_PORT=$(FRONT_PORT) bash frontend/scripts/e2e.sh

clean:
	rm -rf dist build *.egg-info demo.sqlite3 demo-mail frontend-test.sqlite3 frontend/dist frontend/host/dist
