"""A person's Viewer and navigation come from the cache (samverkan/access.py), and every change to
what they may see takes effect on their very next request: in this process, and in another
process sharing Redis as the cache."""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import services as agreement_services
from samverkan import access
from samverkan.models import Membership, Notification, Organization, User
from samverkan.services import remove_membership
from tests.conftest import client_for, redis_url_for_this_process


def fresh(user: User) -> User:
    """The person as the next request loads them, with their current access stamp."""
    return User.objects.get(pk=user.pk)


def membership_queries(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if "samverkan_membership" in query["sql"]]


def test_a_request_reads_no_membership_while_the_stamp_is_unchanged(samordnare, kommun):
    client = client_for(samordnare)
    page = reverse("dashboard_kommun", args=[kommun.slug])
    assert client.get(page).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    assert membership_queries(queries) == []
    # The navigation comes from the same cached Access: the organisation switcher still names it.
    assert kommun.name in client.get(page).content.decode()


def test_a_removed_membership_takes_effect_on_the_very_next_request(samordnare, kommun):
    client = client_for(samordnare)
    page = reverse("dashboard_kommun", args=[kommun.slug])
    assert client.get(page).status_code == 200
    stamp = fresh(samordnare).access_stamp
    remove_membership(Membership.objects.get(user=samordnare, organization=kommun), actor=None)
    assert fresh(samordnare).access_stamp != stamp
    assert client.get(page).status_code == 404


def test_a_new_role_takes_effect_on_the_very_next_request(samordnare, kommun):
    client = client_for(samordnare)
    assert client.get(reverse("oversikt")).status_code == 200
    assert not access.access_of(fresh(samordnare)).viewer.has_role(kommun, [Membership.Role.ADMIN])
    Membership.objects.create(user=samordnare, organization=kommun, role=Membership.Role.ADMIN)
    assert access.access_of(fresh(samordnare)).viewer.has_role(kommun, [Membership.Role.ADMIN])
    # An admin must hold a second factor: the very next request sends them to set one up.
    response = client.get(reverse("oversikt"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_organisation_closed_is_gone_from_its_members_access(samordnare, kommun):
    assert kommun.pk in access.access_of(fresh(samordnare)).viewer.own_org_ids
    kommun.is_active = False
    kommun.save()
    found = access.access_of(fresh(samordnare))
    assert kommun.pk not in found.viewer.own_org_ids
    assert found.organizations == ()


def test_a_new_kommun_in_the_county_reaches_the_lansstyrelse(county_reader, kommun):
    before = access.access_of(fresh(county_reader)).viewer.county_kommun_ids
    assert kommun.pk in before
    added = Organization.objects.create(slug="ny-kommun", kind="kommun", name="Ny kommun", county=kommun.county)
    assert added.pk in access.access_of(fresh(county_reader)).viewer.county_kommun_ids


def test_partners_follow_acceptance_and_the_end_of_the_agreement(draft, kommun, police_area, samordnare):
    party = agreement_services.add_party(draft, actor=samordnare, organization=police_area)
    assert police_area.pk not in access.access_of(fresh(samordnare)).viewer.partner_org_ids
    agreement_services.accept_participation(party, actor=None)
    assert police_area.pk in access.access_of(fresh(samordnare)).viewer.partner_org_ids
    agreement_services.remove_party(party, actor=samordnare)
    assert police_area.pk not in access.access_of(fresh(samordnare)).viewer.partner_org_ids


def test_the_second_factor_state_follows_the_authenticator(leader):
    assert access.access_of(fresh(leader)).has_second_factor
    Authenticator.objects.filter(user=leader).delete()
    assert not access.access_of(fresh(leader)).has_second_factor
    # And the person is sent to set one up again at once.
    response = client_for(leader).get(reverse("oversikt"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_unchanged_stamp_is_served_from_the_cache(samordnare, django_assert_num_queries):
    person = fresh(samordnare)
    computed = access.access_of(person)
    with django_assert_num_queries(0):
        assert access.access_of(person) == computed


def test_the_unread_count_follows_the_notifications(samordnare, kommun):
    client = client_for(samordnare)
    assert access.unread_count(samordnare) == 0
    Notification.objects.create(user=samordnare, kind="test", subject_key="a", period_key="1", title="Ny", body="B")
    assert access.unread_count(samordnare) == 1
    assert '<span class="count">1</span>' in client.get(reverse("oversikt")).content.decode()
    # Opening the list marks them read, and its own navigation already shows no count.
    assert '<span class="count">' not in client.get(reverse("notifications")).content.decode()
    assert access.unread_count(samordnare) == 0
    assert '<span class="count">' not in client.get(reverse("oversikt")).content.decode()


# --- Across processes, with Redis as the shared cache ----------------------------------------

#: One request in a process of its own, as another web worker would serve it: Redis as the cache
#: (CACHE_URL, which also puts sessions in Redis), the test database, the session cookie given.
REQUEST = """
import json, sys
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from samverkan import access
from samverkan.models import User

user_id, path, cookie, old_key = sys.argv[1:5]
user = User.objects.get(pk=int(user_id))
client = Client()
if cookie:
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
else:
    client.force_login(user)
cached = cache.get(access.key(user)) is not None
response = client.get(path)
print(json.dumps({
    "status": response.status_code,
    "cached_before": cached,
    "old_key_still_cached": bool(old_key) and cache.get(old_key) is not None,
    "key": access.key(user),
    "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
    "session_engine": settings.SESSION_ENGINE,
}))
"""


def request_in_another_process(user: User, path: str, redis_url: str, cookie: str = "", old_key: str = "") -> dict:
    database = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{connection.settings_dict['NAME']}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": urlunsplit(database),
        "CACHE_URL": redis_url,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", REQUEST, str(user.pk), path, cookie, old_key],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_a_removed_membership_takes_effect_in_another_process_sharing_redis(samordnare, kommun):
    url = os.environ.get("REDIS_URL")
    if not url or not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        if os.environ.get("SAMVERKAN_REQUIRE_REDIS"):
            pytest.fail("REDIS_URL saknas; make test startar en Redis med bin/with-redis.")
        pytest.skip("REDIS_URL och PostgreSQL krävs (make test startar dem).")
    redis_url = redis_url_for_this_process(url)
    page = reverse("dashboard_kommun", args=[kommun.slug])

    first = request_in_another_process(samordnare, page, redis_url)
    assert first["status"] == 200
    assert first["session_engine"] == "django.contrib.sessions.backends.cached_db"
    # Another worker process, the same session: its Access now comes from Redis.
    second = request_in_another_process(samordnare, page, redis_url, cookie=first["cookie"])
    assert second == {**second, "status": 200, "cached_before": True, "key": first["key"]}

    remove_membership(Membership.objects.get(user=samordnare, organization=kommun), actor=None)

    after = request_in_another_process(samordnare, page, redis_url, cookie=first["cookie"], old_key=first["key"])
    # The stale entry is still in Redis, but under a key nobody asks for any more.
    assert after["old_key_still_cached"]
    assert not after["cached_before"]
    assert after["key"] != first["key"]
    assert after["status"] == 404


def test_a_transaction_forgets_the_unread_counts_it_changed_once_when_it_commits(
    samordnare, leader, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.db import transaction

    for person in (samordnare, leader):
        access.unread_count(person)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for person, n in ((samordnare, 1), (samordnare, 2), (leader, 3)):
            Notification.objects.create(
                user=person, kind="test", subject_key=f"s{n}", period_key="1", title="N", body="B"
            )
        # Another request counts before the commit, and caches what it saw then: nothing unread.
        cache.set(access.unread_key(samordnare.pk), 0)
    forgets = [c for c in callbacks if isinstance(c, access.ForgetUnread)]
    assert len(forgets) == 1
    assert forgets[0].user_ids == {samordnare.pk, leader.pk}
    assert cache.get(access.unread_key(samordnare.pk)) is None
    assert access.unread_count(samordnare) == 2
    assert access.unread_count(leader) == 1


def test_a_savepoint_rolled_back_does_not_take_the_forgetting_with_it(
    samordnare, leader, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                Notification.objects.create(user=samordnare, kind="test", subject_key="a", period_key="1", title="N")
                raise RuntimeError
        except RuntimeError:
            pass  # the savepoint, and the callback registered in it, are gone
        Notification.objects.create(user=leader, kind="test", subject_key="b", period_key="1", title="N")
        cache.set(access.unread_key(leader.pk), 0)  # counted by another request before the commit
    assert any(isinstance(c, access.ForgetUnread) and leader.pk in c.user_ids for c in callbacks)
    assert access.unread_count(leader) == 1
