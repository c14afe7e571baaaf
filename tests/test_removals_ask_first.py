"""Removing something is asked about first, on a page of its own (no JavaScript needed), and only
done when the person confirms there. The walk covers every removal page of the URL walk."""

import pytest
from django.urls import reverse

from samverkan.forms import CONFIRMED
from tests.conftest import client_for
from tests.test_url_walk import all_url_names, url_kwargs, victim  # noqa: F401 - fixtures

#: Every removal page, and who removes there (the kommun's admin manages roles).
REMOVALS = {
    "party_remove": "samordnare",
    "focus_delete": "samordnare",
    "commitment_delete": "samordnare",
    "source_delete": "samordnare",
    "problem_delete": "samordnare",
    "measurement_delete": "samordnare",
    "goal_delete": "samordnare",
    "measure_delete": "samordnare",
    "occasion_delete": "samordnare",
    "member_remove": "samordnare",
    "decision_delete": "samordnare",
    "membership_remove": "admin",
}


def test_every_removal_page_is_walked():
    # activity_delete lives in the plan editor, where htmx changes the list in place and the plan's
    # version guards it; every other removal asks first.
    removals = {name for name in all_url_names() if name.endswith(("_delete", "_remove"))} - {"activity_delete"}
    assert removals == set(REMOVALS)


@pytest.mark.parametrize("name", sorted(REMOVALS))
def test_a_removal_asks_first_and_is_done_only_when_confirmed(name, request, url_kwargs, kommun):  # noqa: F811
    if REMOVALS[name] == "admin":
        from tests.conftest import enable_totp, make_person

        person = make_person(kommun, "admin", "admin@norsjo.test", "Ada Admin")
        enable_totp(person)
    else:
        person = request.getfixturevalue(REMOVALS[name])
    client = client_for(person)
    url = reverse(name, kwargs=url_kwargs[name]())
    asked = client.post(url)
    assert asked.status_code == 200, name
    assert "Är du säker?" in asked.content.decode()
    # Nothing was removed yet: asking again still asks.
    assert "Är du säker?" in client.post(url).content.decode()
    done = client.post(url, {CONFIRMED: "1"})
    assert done.status_code == 302, name


def test_removing_what_is_still_in_use_is_refused_with_a_message(samordnare, url_kwargs):  # noqa: F811
    # The victim's focus area carries a local goal: it cannot go while the goal uses it.
    response = client_for(samordnare).post(
        reverse("focus_delete", kwargs=url_kwargs["focus_delete"]()), {CONFIRMED: "1"}, follow=True
    )
    assert response.status_code == 200
    assert "fortfarande används av ”Hemligt mål”" in response.content.decode()
