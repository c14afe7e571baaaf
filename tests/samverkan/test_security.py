import re

from django.urls import reverse

from tests.conftest import PASSWORD, client_for


def test_login_is_throttled_with_a_swedish_message(client, samordnare):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": samordnare.email, "password": "fel-lösenord"})
    response = client.post(reverse("account_login"), {"login": samordnare.email, "password": "fel-lösenord"})
    assert "För många misslyckade inloggningsförsök. Försök igen senare." in response.content.decode()


def test_content_security_policy_forbids_inline_scripts(samordnare):
    response = client_for(samordnare).get(reverse("oversikt"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_scripts_or_styles(samordnare, county_reader, kommun):
    pages = [
        reverse("oversikt"),
        reverse("lagesbild_list"),
        reverse("agreement_list"),
        reverse("plan_list"),
        reverse("log"),
        reverse("dashboard_overview"),
        reverse("organization_detail", args=[kommun.slug]),
    ]
    for page in pages:
        body = client_for(samordnare).get(page).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), page
        assert "<style" not in body, page
        assert " style=" not in body, page


def test_error_pages_are_swedish_and_leak_nothing(client, db):
    response = client.get("/finns-inte/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Sidan finns inte" in body
    assert "Traceback" not in body
    assert "urlpatterns" not in body


def test_forbidden_page_is_swedish(county_reader, kommun):
    response = client_for(county_reader).get(reverse("lagesbild_create", args=[kommun.slug]))
    assert response.status_code == 403
    assert "Du har inte behörighet" in response.content.decode()


def test_session_and_csrf_cookies_are_secure_in_production():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    env.update(SECRET_KEY="x" * 60, DJANGO_SETTINGS_MODULE="samverkan.settings")
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0,"
        " settings.SECURE_SSL_REDIRECT)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert out.split() == ["True", "True", "True", "True"]


def test_leaders_without_a_second_factor_must_set_one_up(kommun):
    from tests.conftest import make_person

    leader = make_person(kommun, "ledning", "ny.ledare@norsjo.test", "Ny Ledare")
    response = client_for(leader).get(reverse("oversikt"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # The account pages where the second factor is set up stay open (allauth may first ask for
    # the password again), so there is no redirect loop.
    setup = client_for(leader).get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 or setup["Location"].startswith("/konto/")


def test_samordnare_is_not_forced_and_leader_with_totp_passes(samordnare, leader):
    assert client_for(samordnare).get(reverse("oversikt")).status_code == 200
    assert client_for(leader).get(reverse("oversikt")).status_code == 200


def test_signing_needs_a_fresh_second_factor_code(ready, samordnare, leader):
    from agreements import services
    from tests.conftest import signing_data

    services.send_for_signature(ready, actor=samordnare)
    client = client_for(leader)
    wrong = client.post(reverse("agreement_sign", args=[ready.uuid]), {**signing_data(), "code": "000000"})
    assert "Koden stämmer inte" in wrong.content.decode()
    data = signing_data()
    client.post(reverse("agreement_sign", args=[ready.uuid]), data)
    assert ready.signatures.count() == 1


THROTTLED = "För många misslyckade inloggningsförsök"
PROXY = "10.0.0.2"  # our TLS proxy: every connection comes from it


def login_via_proxy(client, email, password, forwarded_for):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def fail_many_logins_from(client, forwarded_for, count=12):
    for i in range(count):
        # A different account each time, so only the per-address limit can bite.
        login_via_proxy(client, f"gissning{i}@exempel.test", "fel-lösenord", forwarded_for)


def test_behind_the_proxy_an_attacker_does_not_lock_out_other_addresses(client, samordnare, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    fail_many_logins_from(client, "203.0.113.5")
    assert THROTTLED in login_via_proxy(client, "x@exempel.test", "fel", "203.0.113.5").content.decode()
    response = login_via_proxy(client, samordnare.email, PASSWORD, "198.51.100.7")
    assert response.status_code == 302, response.content.decode()[:500]


def test_without_trusting_the_proxy_everyone_behind_it_shares_one_address(client, samordnare, settings):
    # Why the setting exists: with 0 trusted proxies the proxy's own address is throttled.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    fail_many_logins_from(client, "203.0.113.5")
    response = login_via_proxy(client, samordnare.email, PASSWORD, "198.51.100.7")
    assert THROTTLED in response.content.decode()


def test_prepending_forwarded_entries_does_not_give_an_attacker_a_new_address(client, samordnare, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for i in range(12):
        login_via_proxy(client, f"gissning{i}@exempel.test", "fel", f"192.0.2.{i}, 203.0.113.5")
    spoofed = login_via_proxy(client, samordnare.email, PASSWORD, "198.51.100.7, 203.0.113.5")
    assert THROTTLED in spoofed.content.decode()
    assert login_via_proxy(client, samordnare.email, PASSWORD, "198.51.100.7").status_code == 302


def test_an_account_is_throttled_whatever_address_the_guesses_come_from(client, samordnare, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        login_via_proxy(client, samordnare.email, "fel-lösenord", f"203.0.113.{i}")
    response = login_via_proxy(client, samordnare.email, "fel-lösenord", "203.0.113.99")
    assert THROTTLED in response.content.decode()


def test_a_request_with_fewer_forwarded_hops_than_configured_is_not_a_500(client, samordnare, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    response = login_via_proxy(client, samordnare.email, PASSWORD, "198.51.100.7")
    assert response.status_code == 302
