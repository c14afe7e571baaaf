# Samverkan. `make run` starts the app with demo data; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages, per command, so that `make run` installs only what running needs.
# Running: the Pango stack and fonts for WeasyPrint's PDFs, and gettext to compile the English
# catalogue (locale/en/LC_MESSAGES/django.po; the compiled .mo is git-ignored).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core gettext
# Testing, besides: PostgreSQL for the test database, Redis for the Celery tests, poppler-utils to
# read PDFs back, Chromium for the browser journeys (Playwright drives Debian's build; it cannot
# download its own here) and Node.js with npm for axe-core.
TEST_PACKAGES := $(RUN_PACKAGES) postgresql redis-server poppler-utils chromium nodejs npm
# The benchmark, besides running: its PostgreSQL and Redis, and wrk to drive the load.
BENCH_PACKAGES := $(RUN_PACKAGES) postgresql redis-server wrk
# pytest-xdist workers for `make test` (`auto`: one per CPU), each with a test database of its own.
# loadgroup keeps the tests marked xdist_group together (the browser journeys share one Chromium).
PYTEST_WORKERS ?= auto
NODE_STAMP := node_modules/.installed
# What makemessages leaves out (the same list as tests/test_english.py).
MESSAGES_IGNORED := .venv node_modules var bench/data staticfiles static screenshots tests
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
BENCH_DATA := bench/data

.PHONY: messages makemessages run test lint typecheck pytest sysdeps sysdeps-run sysdeps-bench install demo demo-code bench bench-run bench-clean clean help

help:
	@echo "make run    – startar Samverkan med demodata på http://127.0.0.1:8000/"
	@echo "make test   – ruff, mypy, migreringskontroll och hela testsviten mot PostgreSQL"
	@echo "make bench  – mäter nyckelsidorna på ett nationellt dataset (290 kommuner, 1,3 miljoner loggar)"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The translation catalogues, compiled from their .po sources whenever those change.
messages: $(CATALOGUES)

locale/%.mo: locale/%.po
	msgfmt --check-format -o $@ $<

# After changing texts: gather the msgids anew into locale/en/LC_MESSAGES/django.po, then translate
# the new ones there (tests/test_english.py fails until every one is).
makemessages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l en --no-obsolete $(addprefix --ignore=,$(MESSAGES_IGNORED))

# $(call apt_install,packages): installs with apt-get those that are missing. Node.js and npm count
# as present when node and npm are on the PATH, however they were installed.
define apt_install
	@missing=""; for p in $(1); do \
	  case $$p in nodejs) command -v node >/dev/null && continue;; npm) command -v npm >/dev/null && continue;; esac; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installerar systempaket:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = "0" ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

# Everything `make test` needs.
sysdeps:
	$(call apt_install,$(TEST_PACKAGES))

sysdeps-run:
	$(call apt_install,$(RUN_PACKAGES))

sysdeps-bench:
	$(call apt_install,$(BENCH_PACKAGES))

# The embedded default: SQLite under var/, Celery tasks in-process, no Redis.
run: export DJANGO_DEBUG := 1
run: sysdeps-run install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Samverkan körs på http://127.0.0.1:8000/  – logga in med ett demokonto ovan."
	@echo "Till exempel: samordnare@norsjo.example (Norsjö kommun)."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

demo: export DJANGO_DEBUG := 1
demo: sysdeps-run install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# The current second-factor code of the demo leaders and admins.
demo-code: export DJANGO_DEBUG := 1
demo-code: sysdeps-run install
	@$(BIN)/python manage.py demo_code

test: sysdeps install messages $(NODE_STAMP)
	bin/with-postgres bin/with-redis $(MAKE) --no-print-directory lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	DJANGO_DEBUG=1 $(BIN)/mypy .

pytest: install messages
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	@# The production settings, as deployed, must pass Django's deployment checks. Production must
	@# name its seal certificate (the check fails without one), so one is made for the check, in a
	@# temporary folder removed afterwards.
	seal=$$(mktemp -d) && \
	  env $$(DJANGO_DEBUG=1 $(BIN)/python manage.py create_seal_certificate $$seal) \
	  SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
	  ALLOWED_HOSTS=samverkan.example.se $(BIN)/python manage.py check --deploy --fail-level WARNING; \
	  status=$$?; rm -rf $$seal; exit $$status
	DJANGO_DEBUG=1 SAMVERKAN_REQUIRE_REDIS=1 $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

# The national benchmark (see the README). Its PostgreSQL keeps the dataset under bench/data/ (git-ignored), so
# that only the first run spends the minute it takes to build; `make bench-clean` removes it.
bench: sysdeps-bench install messages
	SAMVERKAN_PG_DIR=$(CURDIR)/$(BENCH_DATA)/postgres bin/with-postgres bin/with-redis \
	  $(MAKE) --no-print-directory bench-run

# Production settings (DEBUG off) behind a TLS-terminating proxy, with Redis as Celery's broker,
# as deployed; SAMVERKAN_BENCH installs the bench app (its commands and the hello-world view).
bench-run: export SAMVERKAN_BENCH := 1
bench-run: export SECRET_KEY := $(shell python3 -c "import secrets; print(secrets.token_urlsafe(50))")
bench-run: export ALLOWED_HOSTS := 127.0.0.1,localhost,testserver
bench-run: export SECURE_PROXY_SSL_HEADER := 1
bench-run: export SITE_URL := https://127.0.0.1
bench-run: export SAMVERKAN_VAR_DIR := $(CURDIR)/$(BENCH_DATA)/var
bench-run: export STATIC_ROOT := $(CURDIR)/$(BENCH_DATA)/static
bench-run: export EMAIL_BACKEND := django.core.mail.backends.locmem.EmailBackend
bench-run: export LOG_LEVEL := WARNING
bench-run: export CELERY_BROKER_URL := $(REDIS_URL)
bench-run: export CACHE_URL := $(REDIS_URL)
bench-run: install messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py generate_scale_data --if-missing
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py bench $(BENCH_ARGS)

bench-clean:
	rm -rf $(BENCH_DATA)

clean:
	rm -rf $(VENV) var staticfiles node_modules screenshots .pytest_cache .mypy_cache .ruff_cache $(CATALOGUES)
