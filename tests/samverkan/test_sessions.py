"""Sessions: in the shared cache (written through to the database) when production has one, so that
a request costs no session query; in the database alone in the embedded default. Logging in and
out, the second factor's window and a password change behave alike with both."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverkan.security import SECOND_FACTOR_SESSION_KEY, current_code
from tests.conftest import PASSWORD, TOTP_SECRET

ENGINES = ["django.contrib.sessions.backends.cached_db", "django.contrib.sessions.backends.db"]


def session_queries(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if "django_session" in query["sql"]]


def log_in(user) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture(params=ENGINES)
def engine(request, settings):
    settings.SESSION_ENGINE = request.param
    return request.param


def session_engine_of(env: dict[str, str]) -> str:
    """The session engine the product's settings choose in a process with `env`."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY", "CACHE_URL"}}
    result = subprocess.run(  # our own interpreter and settings module
        [sys.executable, "-c", "import django; from django.conf import settings; print(settings.SESSION_ENGINE)"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "samverkan.settings", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-1]


def test_production_keeps_sessions_in_the_shared_cache_and_the_embedded_default_in_the_database():
    assert session_engine_of({"CACHE_URL": "redis://127.0.0.1:1/0"}) == "django.contrib.sessions.backends.cached_db"
    assert session_engine_of({}) == "django.contrib.sessions.backends.db"


def test_a_request_reads_its_session_from_the_cache(engine, samordnare):
    client = log_in(samordnare)
    assert client.get(reverse("oversikt")).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("oversikt")).status_code == 200
    if engine.endswith("cached_db"):
        assert session_queries(queries) == []
    else:
        assert len(session_queries(queries)) == 1


def test_logging_out_ends_the_session(engine, samordnare):
    client = log_in(samordnare)
    cookie = client.cookies["sessionid"].value
    assert client.post(reverse("account_logout")).status_code == 302
    response = client.get(reverse("oversikt"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    # The old cookie, presented again, opens nothing either.
    stale = Client()
    stale.cookies["sessionid"] = cookie
    assert stale.get(reverse("oversikt")).status_code == 302


def test_a_password_change_ends_the_persons_other_sessions(engine, samordnare):
    elsewhere = log_in(samordnare)
    assert elsewhere.get(reverse("oversikt")).status_code == 200
    samordnare.set_password("ett-helt-nytt-lösenord-2026")
    samordnare.save()
    response = elsewhere.get(reverse("oversikt"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_second_factor_passed_at_login_is_kept_in_the_session(engine, leader):
    client = log_in(leader)
    assert client.post(reverse("mfa_authenticate"), {"code": current_code(TOTP_SECRET)}).status_code == 302
    assert client.get(reverse("oversikt")).status_code == 200
    session = client.session
    assert int(session[SESSION_KEY]) == leader.pk
    assert session[SECOND_FACTOR_SESSION_KEY]["user"] == leader.pk
