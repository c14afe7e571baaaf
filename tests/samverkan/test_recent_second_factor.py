"""A person who passed the second factor in this session within the last ten minutes (at login
or at an earlier signature) signs with the password alone; after that, a fresh code again."""

from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements import services
from samverkan.forms import ReauthenticateForm
from samverkan.security import RECENT_SECOND_FACTOR, current_code, record_second_factor
from tests.conftest import PASSWORD, TOTP_SECRET


def move_clock(monkeypatch, by):
    now = timezone.now() + by
    monkeypatch.setattr(timezone, "now", lambda: now)


def test_without_a_recent_second_factor_the_code_is_required(leader):
    form = ReauthenticateForm({"password": PASSWORD}, user=leader, session=SessionStore())
    assert not form.is_valid()
    assert "code" in form.errors


def test_inside_the_window_the_password_alone_is_enough_and_still_required(leader):
    session = SessionStore()
    record_second_factor(session, leader)
    assert ReauthenticateForm({"password": PASSWORD}, user=leader, session=session).is_valid()
    wrong = ReauthenticateForm({"password": "fel"}, user=leader, session=session)
    assert not wrong.is_valid()
    assert "password" in wrong.errors


def test_after_the_window_a_code_is_required_again(leader, monkeypatch):
    session = SessionStore()
    record_second_factor(session, leader)
    move_clock(monkeypatch, RECENT_SECOND_FACTOR + timedelta(seconds=1))
    form = ReauthenticateForm({"password": PASSWORD}, user=leader, session=session)
    assert not form.is_valid()
    assert "code" in form.errors


def test_another_persons_second_factor_does_not_count(leader, police_leader):
    session = SessionStore()
    record_second_factor(session, police_leader)
    assert not ReauthenticateForm({"password": PASSWORD}, user=leader, session=session).is_valid()


def log_in_with_code(user):
    """Log in through allauth's own pages: password, then the code from the app."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(TOTP_SECRET)})
    assert response.status_code == 302
    return client


def test_signing_right_after_logging_in_with_a_code_needs_only_the_password(ready, samordnare, leader):
    services.send_for_signature(ready, actor=samordnare)
    client = log_in_with_code(leader)
    page = client.get(reverse("agreement_sign", args=[ready.uuid])).content.decode()
    assert 'name="password"' in page
    assert 'name="code"' not in page
    response = client.post(reverse("agreement_sign", args=[ready.uuid]), {"password": PASSWORD})
    assert response.status_code == 302
    assert ready.signatures.filter(signed_by=leader).exists()


def test_after_the_window_the_sign_page_asks_for_a_code(ready, samordnare, leader, monkeypatch):
    services.send_for_signature(ready, actor=samordnare)
    client = log_in_with_code(leader)
    move_clock(monkeypatch, RECENT_SECOND_FACTOR + timedelta(minutes=1))
    response = client.post(reverse("agreement_sign", args=[ready.uuid]), {"password": PASSWORD})
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    assert not ready.signatures.exists()
