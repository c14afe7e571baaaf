# Samverkan. `make run` starts the app with demo data; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages the app and its tests need: PostgreSQL for the test database, Redis for the
# Celery tests, the Pango stack and fonts for WeasyPrint's PDFs, poppler-utils to read PDFs back
# in tests, Chromium for the browser journeys (Playwright drives Debian's build; it cannot
# download its own here) and Node.js with npm for axe-core.
SYSTEM_PACKAGES := postgresql redis-server libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
	poppler-utils chromium
NODE_STAMP := node_modules/.installed

.PHONY: run test lint typecheck pytest sysdeps install demo demo-code clean help

help:
	@echo "make run   – startar Samverkan med demodata på http://127.0.0.1:8000/"
	@echo "make test  – ruff, mypy, migreringskontroll och hela testsviten mot PostgreSQL"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

sysdeps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installerar systempaket:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = "0" ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The embedded default: SQLite under var/, Celery tasks in-process, no Redis.
run: export DJANGO_DEBUG := 1
run: sysdeps install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Samverkan körs på http://127.0.0.1:8000/  – logga in med ett demokonto ovan."
	@echo "Till exempel: samordnare@norsjo.example (Norsjö kommun)."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

demo: export DJANGO_DEBUG := 1
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# The current second-factor code of the demo leaders and admins.
demo-code: export DJANGO_DEBUG := 1
demo-code: install
	@$(BIN)/python manage.py demo_code

test: sysdeps install $(NODE_STAMP)
	bin/with-postgres bin/with-redis $(MAKE) --no-print-directory lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	DJANGO_DEBUG=1 $(BIN)/mypy .

pytest: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	@# The production settings, as deployed, must pass Django's deployment checks.
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
	  ALLOWED_HOSTS=samverkan.example.se $(BIN)/python manage.py check --deploy --fail-level WARNING
	DJANGO_DEBUG=1 SAMVERKAN_REQUIRE_REDIS=1 $(BIN)/pytest

clean:
	rm -rf $(VENV) var staticfiles node_modules screenshots .pytest_cache .mypy_cache .ruff_cache
