"""After every htmx action on the plan page the server marks where focus goes (`data-autofocus`)
and what is read out (`data-announce`); static/js/app.js does the rest, and
tests/browser/test_plan_keyboard.py presses the buttons in a real browser."""

import re

from django.urls import reverse

from tests.conftest import activity_fields, client_for

HTMX = {"HX-Request": "true"}


def posted(**overrides):
    """An activity as its form sends it."""
    return {**activity_fields(**overrides), "target_minimum": "on", "target_every": 1, "target_multiplier": 1}


def marked(body: str) -> str:
    """The one element marked to take focus, as its opening tag (with what follows up to `<`)."""
    assert body.count("data-autofocus") == 1, body.count("data-autofocus")
    start = body.rindex("<", 0, body.index("data-autofocus"))
    return body[start : body.index("<", body.index("data-autofocus"))]


def announce(body: str) -> str:
    found = re.search(r'data-announce="([^"]*)"', body)
    return found.group(1) if found else ""


def test_a_moved_activity_keeps_focus_on_its_button(samordnare, plan, lofte, activities):
    client = client_for(samordnare)
    url = reverse("activity_move", args=[activities[0].uuid])
    body = client.post(url, {"direction": "down", "version": plan.version}, headers=HTMX).content.decode()
    assert marked(body).endswith(">Flytta ned")
    assert marked(body) in body[body.index(f'id="activity-{activities[0].uuid}"') :]
    assert announce(body) == "”Hastighet och rattfylleri” är flyttad nedåt."
    # At the end, its other button.
    plan.refresh_from_db()
    body = client.post(url, {"direction": "down", "version": plan.version}, headers=HTMX).content.decode()
    assert marked(body).endswith(">Flytta upp")


def test_an_opened_form_takes_focus_on_its_first_field(samordnare, lofte, activities):
    body = client_for(samordnare).get(reverse("activity_create", args=[lofte.uuid]), headers=HTMX).content.decode()
    assert 'name="heading"' in marked(body)
    body = (
        client_for(samordnare).get(reverse("activity_edit", args=[activities[0].uuid]), headers=HTMX).content.decode()
    )
    assert 'name="heading"' in marked(body)


def test_an_added_or_saved_activity_takes_focus(samordnare, plan, lofte, activities):
    client = client_for(samordnare)
    data = {**posted(what="Föräldravandring"), "version": plan.version}
    body = client.post(reverse("activity_create", args=[lofte.uuid]), data, headers=HTMX).content.decode()
    added = lofte.activities.get(what="Föräldravandring")
    assert marked(body).startswith(f'<li id="activity-{added.uuid}" class="activity" tabindex="-1"')
    assert announce(body) == "Aktiviteten är tillagd."
    plan.refresh_from_db()
    data = {**posted(what="Föräldravandring i centrum"), "version": plan.version}
    body = client.post(reverse("activity_edit", args=[added.uuid]), data, headers=HTMX).content.decode()
    assert marked(body).startswith(f'<li id="activity-{added.uuid}"')
    assert announce(body) == "Aktiviteten är sparad."


def test_after_a_removal_focus_goes_to_the_next_row_or_the_add_button(samordnare, plan, lofte, activities):
    client = client_for(samordnare)
    body = client.post(
        reverse("activity_delete", args=[activities[1].uuid]), {"version": plan.version}, headers=HTMX
    ).content.decode()
    assert marked(body).startswith(f'<li id="activity-{activities[2].uuid}"')
    assert announce(body) == "Aktiviteten ”Trygghetsvandring” är borttagen."
    plan.refresh_from_db()
    body = client.post(
        reverse("activity_delete", args=[activities[2].uuid]), {"version": plan.version}, headers=HTMX
    ).content.decode()
    assert marked(body).startswith('<a class="button button--secondary"')
    assert marked(body).endswith(">Lägg till aktivitet")


def test_a_refused_change_puts_focus_on_the_message(samordnare, plan, lofte, activities):
    client = client_for(samordnare)
    stale = plan.version - 1
    body = client.post(
        reverse("activity_move", args=[activities[0].uuid]), {"direction": "down", "version": stale}, headers=HTMX
    ).content.decode()
    assert 'role="alert"' in marked(body)
    assert "Någon annan har sparat ändringar" in body
    data = {**posted(what="Ändrad"), "version": stale}
    body = client.post(reverse("activity_edit", args=[activities[0].uuid]), data, headers=HTMX).content.decode()
    assert 'class="form-errors"' in marked(body)
