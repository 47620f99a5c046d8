# Mizan: every set-up step lives here, so a fresh machine needs only python3.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: serve serve-prod test test-fast lint format setup install migrate demo bench clean messages \
	schema schema-release

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(MANAGE) compile_translations

# The API contract: schema.graphql printed from the code's schema (see docs/api-changelog.md).
schema: install
	$(MANAGE) write_schema

# On announcing a release to partners: the released SDL becomes the breaking-change baseline.
schema-release: install
	$(MANAGE) write_schema --release

# Migrate, compile translations, copy GraphiQL's files from node_modules, collect static files
# and load the demo content (idempotent).
setup: messages
	mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	bash scripts/graphiql-assets.sh
	$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_superuser

serve: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: /admin/, GraphQL: /graphql/), with the background worker"
	bash scripts/with-worker.sh $(MANAGE) runserver 127.0.0.1:$(PORT)

serve-prod: export DJANGO_SETTINGS_MODULE = cms.settings.production
serve-prod: export SECRET_KEY ?= local-production-preview-$(shell hostname)-not-for-internet-use-0123456789
serve-prod: export SECURE_SSL_REDIRECT ?= false
serve-prod: export SESSION_COOKIE_SECURE ?= false
serve-prod: export CSRF_COOKIE_SECURE ?= false
serve-prod: export SECURE_HSTS_SECONDS ?= 0
serve-prod: setup
	@echo "Serving (nginx in front of gunicorn, 2 workers, DEBUG off) on http://127.0.0.1:$(PORT)/, with the background worker"
	PORT=$(PORT) bash scripts/serve-prod.sh

# Browser-test dependencies (Debian's chromium, npm packages) are installed when missing.
test: install messages
	if [ -f scripts/browser-deps.sh ]; then bash scripts/browser-deps.sh; fi
	bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf var/test-media .pytest_cache

# Back up / restore the database and media files (to var/backups/ unless BACKUP_DIR is set).
# `make restore` takes the latest backup, or BACKUP=var/backups/mizan-...; stop the servers first.
.PHONY: backup restore loadtest
backup: install
	bash scripts/backup.sh $(if $(BACKUP_DIR),--dir $(BACKUP_DIR))

restore: install
	bash scripts/restore.sh $(or $(BACKUP),latest) $(if $(BACKUP_DIR),--dir $(BACKUP_DIR))

# Load test (locust, headless, loopback only): gunicorn with 2 workers on PostgreSQL and Redis with
# 10,000 generated services; LOADTEST_SECONDS (default 60), LOADTEST_USERS (default 20).
loadtest: install
	bash scripts/loadtest.sh

# Benchmark: production server (gunicorn, 2 workers) on loopback over the demo content plus
# 10,000 generated services, against a fresh `wagtail start` project; writes bench/results/.
bench: install messages
	bash scripts/bench.sh

# Mutation testing (mutmut) of the modules that hold the promises, each against the test files
# listed for it in mutation/modules.toml; not part of `make test` (slow: see
# docs/mutation-testing.md). `make mutate MODULE=search/normalize.py` runs one module.
# Writes bench/results/mutation.md; fails when a module is below 90% killed.
.PHONY: mutate
mutate: install messages
	$(PY) -m mutation.run $(if $(MODULE),--module $(MODULE)) $(if $(TESTS),--tests $(TESTS))
