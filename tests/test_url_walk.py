"""Walk every URL pattern of ours as a person of another organisation and as an anonymous
visitor: they get 404 (or are sent to log in), never another organisation's data.

Every pattern must be listed in `url_kwargs` below with real objects of the victim kommun, so a
new URL cannot slip past this walk unseen.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for

# Namespaces that are not ours: allauth's pages are about the logged-in person's own account,
# and the Django admin is for platform staff only (tested separately below).
SKIPPED_PREFIXES = ("konto/", "admin/")

#: Pages anyone may open without logging in; they must still show no tenant data.
PUBLIC = {"home"}

#: Pages that show the person's own things and take no object of anyone else's.
PERSONAL = {"oversikt", "switch_organization"}


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(SKIPPED_PREFIXES):
                continue
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and entry.name:
            yield route, entry


def all_url_names() -> set[str]:
    return {name for _route, pattern in walk(get_resolver().url_patterns) if (name := pattern.name)}


@pytest.fixture
def victim(kommun, samordnare, police_area):
    """The victim kommun's data, with a marker that must never reach an outsider."""
    return {"kommun": kommun, "marker": kommun.name}


@pytest.fixture
def url_kwargs(victim) -> dict[str, Callable[[], dict[str, Any]]]:
    kommun = victim["kommun"]
    return {
        "home": dict,
        "oversikt": dict,
        "switch_organization": dict,
        "organization_detail": lambda: {"slug": kommun.slug},
    }


def test_every_url_pattern_is_in_the_walk(url_kwargs):
    assert all_url_names() == set(url_kwargs), "Lägg till nya URL-mönster i url_kwargs."


def test_outsider_gets_404_on_every_object_url_and_never_sees_the_victims_data(outsider, victim, url_kwargs):
    client = client_for(outsider)
    for name, kwargs in url_kwargs.items():
        url = reverse(name, kwargs=kwargs())
        get = client.get(url)
        post = client.post(url, {"organization": victim["kommun"].slug})
        for response in (get, post):
            assert victim["marker"].encode() not in response.content, f"{name} visar annan organisations data"
        if name in PUBLIC or name in PERSONAL:
            continue
        assert get.status_code in (404, 405), f"GET {name} gav {get.status_code}"
        assert post.status_code in (404, 405), f"POST {name} gav {post.status_code}"
        assert 404 in (get.status_code, post.status_code), f"{name} svarade aldrig 404"


def test_anonymous_visitor_is_sent_to_login_or_gets_nothing(client, victim, url_kwargs):
    login = reverse("account_login")
    for name, kwargs in url_kwargs.items():
        url = reverse(name, kwargs=kwargs())
        for response in (client.get(url), client.post(url, {"organization": victim["kommun"].slug})):
            assert victim["marker"].encode() not in response.content, f"{name} visar data för anonyma"
            if name in PUBLIC:
                assert response.status_code in (200, 405)
            else:
                assert response.status_code in (302, 404, 405), f"{name} gav {response.status_code}"
                if response.status_code == 302:
                    assert response["Location"].startswith(login)


def test_admin_is_closed_to_people_who_are_not_staff(outsider, samordnare):
    for user in (outsider, samordnare):
        response = client_for(user).get(reverse("admin:samverkan_organization_changelist"))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
