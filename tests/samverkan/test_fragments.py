"""Cached page fragments (samverkan/fragments.py): keyed only by what they show and who may see
them, never rendered twice while nothing changed, and a change shows on the next view."""

import re
from datetime import date, datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from followup import services
from samverkan.fragments import (
    CSRF_PLACEHOLDER,
    PUBLIC,
    Deferred,
    cached_fragment,
    deferred,
    fragment_key,
    generations,
    identity,
    scope_of,
    sealed_fragment,
)
from samverkan.tenancy import viewer_for
from tests.conftest import client_for
from tests.forms_on_page import forms_on


def test_the_key_holds_language_scope_version_and_the_data_generation(
    active_lofte, activities, samordnare, police_contact, police_area, kommun, outsider
):
    def key(scope: str) -> str:
        return fragment_key("x", identity(active_lofte), generations([kommun.pk]), scope=scope).cache_key()

    first = key(PUBLIC)
    assert key(PUBLIC) == first
    with translation.override("en"):
        assert key(PUBLIC) != first
    assert key(scope_of(viewer_for(samordnare))) not in (first, key(scope_of(viewer_for(outsider))))
    assert scope_of(viewer_for(samordnare)) != scope_of(viewer_for(police_contact))
    # Anything the kommun owns that is saved gives its fragments a new key; others' keys stay.
    other = fragment_key("x", generations([outsider.memberships.get().organization_id]), scope=PUBLIC).cache_key()
    services.log_activity(activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate())
    assert key(PUBLIC) != first
    assert fragment_key("x", generations([outsider.memberships.get().organization_id]), scope=PUBLIC).cache_key() == (
        other
    )
    # A new version of the object is a new key too.
    before = key(PUBLIC)
    active_lofte.version += 1
    assert key(PUBLIC) != before


def test_a_stored_fragment_is_not_rendered_again_and_one_with_a_csrf_token_is_never_stored():
    computed = []

    def compute():
        computed.append(1)
        return {"value": "<b>"}

    template = Template("{% load fragments %}{% fragment key %}[{{ value }}]{% endfragment %}")
    key = fragment_key("test", "a", scope=PUBLIC)
    first = template.render(Context({"key": key, "value": Deferred(compute, "value")}))
    again = template.render(Context({"key": key, "value": Deferred(compute, "value")}))
    assert first == again == "[&lt;b&gt;]"
    assert len(computed) == 1
    # No key: rendered every time.
    template.render(Context({"key": None, "value": Deferred(compute, "value")}))
    assert len(computed) == 2
    rendered = []

    def with_token() -> str:
        rendered.append(1)
        return '<input name="csrfmiddlewaretoken" value="t">'

    per_response = fragment_key("test", "b", scope=PUBLIC)
    for _ in range(2):
        cached_fragment(per_response, with_token)
    assert len(rendered) == 2


def test_the_public_page_is_served_from_the_cache_and_shows_a_new_log_on_the_next_view(
    active_lofte, activities, samordnare, police_contact, police_area, client, kommun
):
    from medborgarloften.services import publish_lofte

    publish_lofte(active_lofte, actor=samordnare)
    url = reverse("public_loften", args=[kommun.slug])
    with CaptureQueriesContext(connection) as cold:
        assert "Så går det: 0 av 10 denna månad" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "Så går det: 0 av 10 denna månad" in client.get(url).content.decode()
    assert len(warm) < len(cold) - 3, "Den cachade sidan räknade ändå allt."
    services.log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=3
    )
    assert "Så går det: 3 av 10 denna månad" in client.get(url).content.decode()


def test_an_approved_report_is_worked_out_once_per_access_scope(
    ready,
    kommun,
    police_area,
    samordnare,
    leader,
    police_leader,
    active_lofte,
    seal_dir,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from followup import views

    report = services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
    services.update_report(
        report,
        actor=samordnare,
        expected_version=report.version,
        summary="Sammanfattningen",
        worked="W",
        changes_next_year="C",
    )
    services.submit_report(report, actor=samordnare)
    services.approve_report(report, actor=leader, organization=kommun)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report, actor=police_leader, organization=police_area)
    worked_out = []
    original = views.document_context

    def counted(r, *args):
        worked_out.append(r.pk)
        return original(r, *args)

    monkeypatch.setattr(views, "document_context", counted)
    url = reverse("report_detail", args=[report.uuid])
    activity = active_lofte.activities.order_by("order").first()
    for person in (samordnare, samordnare, police_leader, police_leader):
        body = client_for(person).get(url).content.decode()
        assert "Sammanfattningen" in body
        # The activities' table is in the cached document too (it once was left out of it).
        assert f"<tr><td>{activity.what}<br>" in body
    # Once for the kommun's samordnare and once for the police's leadership.
    assert len(worked_out) == 2
    report.refresh_from_db()
    assert sealed_fragment("x", report, viewer_for(samordnare), [kommun.pk]) is not None


def test_a_change_in_the_county_shows_on_the_next_view_of_the_county_duties(
    kommun, samordnare, county_reader, lansstyrelse
):
    from samverkan.coordination import appoint_samordningsfunktion

    client = client_for(county_reader)
    url = reverse("duties_county")

    def table() -> str:
        body = client.get(url).content.decode()
        return body[body.index("<table") : body.index("</table>")]

    first = table()
    assert "Saknas" in first or "saknas" in first
    assert table() == first
    appoint_samordningsfunktion(kommun, actor=samordnare, role_title="Trygghetssamordnare", from_date=date(2025, 1, 1))
    changed = table()
    from django.core.cache import cache

    cache.clear()
    assert table() == changed
    assert changed != first


def test_the_county_count_on_the_overview_follows_a_change(kommun, county, samordnare, county_reader, lansstyrelse):
    from samverkan.models import Organization

    client = client_for(county_reader)
    assert "1 av 1 kommuner behöver stöd" in client.get(reverse("oversikt")).content.decode()
    assert "1 av 1 kommuner behöver stöd" in client.get(reverse("oversikt")).content.decode()
    Organization.objects.create(slug="mala", kind=Organization.Kind.KOMMUN, name="Malå kommun", county=county)
    assert "2 av 2 kommuner behöver stöd" in client_for(county_reader).get(reverse("oversikt")).content.decode()


def test_the_own_kommuns_duties_on_the_overview_are_cached_and_follow_a_change(kommun, samordnare, monkeypatch):
    from followup import duties_overview
    from samverkan.coordination import appoint_samordningsfunktion

    worked_out = []
    original = duties_overview.duties_for

    def counted(kommuner, today):
        worked_out.append([k.pk for k in kommuner])
        return original(kommuner, today)

    monkeypatch.setattr(duties_overview, "duties_for", counted)
    client = client_for(samordnare)

    def duties() -> str:
        body = client.get(reverse("oversikt")).content.decode()
        return body[body.index('id="duties"') : body.index("</section>", body.index('id="duties"'))]

    first = duties()
    assert kommun.name in first
    assert duties() == first
    # The second view came from the cache: the duties were worked out once.
    assert worked_out == [[kommun.pk]]
    appoint_samordningsfunktion(kommun, actor=samordnare, role_title="Trygghetssamordnare", from_date=date(2025, 1, 1))
    changed = duties()
    assert changed != first
    assert len(worked_out) == 2


def test_a_fragment_with_a_form_is_stored_once_and_every_response_gets_its_own_token():
    computed = []

    def compute():
        computed.append(1)
        return {"value": "x"}

    template = Template(
        "{% load fragments %}{% fragment key %}<form>{% csrf_token %}{{ value }}</form>{% endfragment %}"
    )
    key = fragment_key("test-form", "a", scope=PUBLIC)
    pages = [
        template.render(Context({"key": key, "value": Deferred(compute, "value"), "csrf_token": token}))
        for token in ("firsttoken", "secondtoken")
    ]
    assert len(computed) == 1, "The form's fragment was rendered again."
    assert 'value="firsttoken"' in pages[0]
    assert 'value="secondtoken"' in pages[1]
    assert CSRF_PLACEHOLDER not in pages[0] + pages[1]


def test_the_plan_page_is_worked_out_once_and_its_cached_forms_post_with_the_visitors_own_token(
    plan, lofte, activities, samordnare
):
    url = plan.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(samordnare)
    with CaptureQueriesContext(connection) as cold:
        assert first.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        page = second.get(url).content.decode()
    assert len(warm) < len(cold) - 3, "Planen räknades ut igen."
    # The second session's page came from the cache; its forms still carry its own token.
    move = next(
        form
        for form in forms_on(page)
        if form.action == reverse("activity_move", args=[activities[0].uuid]) and form.fields["direction"] == ["down"]
    )
    assert move.fields["csrfmiddlewaretoken"] != [CSRF_PLACEHOLDER]
    response = second.post(move.action, move.data())
    assert response.status_code == 302, response.content[:300]
    order = list(lofte.activities.order_by("order").values_list("pk", flat=True))
    assert order.index(activities[0].pk) == 1
    # The move shows on the next view (a new plan version and a new data generation).
    page = second.get(url).content.decode()
    assert page.index(activities[1].what) < page.index(activities[0].what)


def test_a_draft_report_is_worked_out_once_and_again_after_a_log_or_the_next_day(
    ready, kommun, police_area, samordnare, police_contact, active_lofte, activities, monkeypatch, time_machine
):
    from followup import views

    time_machine.move_to(datetime(2026, 6, 10, 12, tzinfo=timezone.get_current_timezone()), tick=False)
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
    worked_out = []
    original = views.document_context

    def counted(r, *args):
        worked_out.append(r.pk)
        return original(r, *args)

    monkeypatch.setattr(views, "document_context", counted)
    url = reverse("report_detail", args=[report.uuid])
    client = client_for(samordnare)
    for _ in range(2):
        assert client.get(url).status_code == 200
    assert len(worked_out) == 1
    services.log_activity(activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate())
    client.get(url)
    assert len(worked_out) == 2, "A new log did not give the draft's figures a new key."
    time_machine.move_to(datetime(2026, 6, 11, 8, tzinfo=timezone.get_current_timezone()), tick=False)
    client.get(url)
    assert len(worked_out) == 3, "The draft counts the year so far: a new day is a new key."


def test_a_deferred_body_must_be_given_exactly_what_its_computation_gives():
    from django.core.exceptions import ImproperlyConfigured

    context = deferred(lambda: {"rows": [1], "groups": [2]}, ["rows"])
    with pytest.raises(ImproperlyConfigured, match="groups"):
        context["rows"]()
    assert deferred(lambda: {"rows": [1], "report": 2}, ["rows"], given=["report"])["rows"]() == [1]


def test_att_gora_on_oversikt_is_worked_out_once_per_person_and_again_after_a_change(
    kommun, samordnare, leader, monkeypatch, active_lofte
):
    from samverkan import handovers

    calls = []

    def counting(user, viewer):
        calls.append(user.pk)
        return [handovers.TodoItem(action="Gör", title=f"Uppgift för {user.full_name}", url="/")]

    monkeypatch.setattr(handovers, "_providers", [counting])
    url = reverse("oversikt")
    for person in (samordnare, samordnare, leader, leader):
        body = client_for(person).get(url).content.decode()
        assert f"Uppgift för {person.full_name}" in body
    assert calls == [samordnare.pk, leader.pk], "Each person's list is their own, and worked out once."
    kommun.name = "Norsjö kommun (ny)"
    kommun.save()
    client_for(samordnare).get(url)
    assert calls[-1] == samordnare.pk
    assert len(calls) == 3


def test_the_header_is_cached_per_person_and_follows_their_name_and_the_page(samordnare, leader):
    client = client_for(samordnare)

    def header(url: str, who=client) -> str:
        body = who.get(url).content.decode()
        # Each response has its own CSRF token.
        return re.sub(r'csrfmiddlewaretoken" value="[^"]+', "", body[body.index('<header class="site-header">') :])

    first = header(reverse("oversikt"))
    assert header(reverse("oversikt")) == first
    assert 'aria-current="page">Översikt' in first
    plans = header(reverse("plan_list"))
    assert 'aria-current="page">Del 2 och medborgarlöften' in plans
    assert 'aria-current="page">Översikt' not in plans
    # Another person's header is their own.
    assert leader.full_name in header(reverse("oversikt"), client_for(leader))
    assert leader.full_name not in first
    samordnare.full_name = "Sanna Nyttnamn"
    samordnare.save()
    assert "Sanna Nyttnamn" in header(reverse("oversikt"))


def test_the_public_page_asks_the_database_nothing_warm_and_follows_a_new_slug_or_a_closed_kommun(
    active_lofte, activities, samordnare, kommun, client
):
    from medborgarloften.services import publish_lofte

    publish_lofte(active_lofte, actor=samordnare)
    url = reverse("public_loften", args=[kommun.slug])
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    assert len(warm) == 0, [query["sql"][:80] for query in warm]
    old_slug = kommun.slug
    kommun.slug = "norsjo-ny"
    kommun.save()
    assert client.get(reverse("public_loften", args=[old_slug])).status_code == 404
    assert client.get(reverse("public_loften", args=["norsjo-ny"])).status_code == 200
    kommun.is_active = False
    kommun.save()
    assert client.get(reverse("public_loften", args=["norsjo-ny"])).status_code == 404


def test_a_readable_object_is_remembered_per_access_scope_and_never_for_someone_who_may_not_read_it(
    plan, samordnare, outsider, kommun
):
    from django.http import Http404

    from medborgarloften.models import LocalPlan
    from samverkan.fragments import readable_object

    def fetch(person):
        viewer = viewer_for(person)
        with CaptureQueriesContext(connection) as queries:
            found = readable_object(viewer, LocalPlan.objects.select_related("organization"), plan.uuid)
        return found, len(queries)

    assert fetch(samordnare)[0] == plan  # learns the owner
    assert fetch(samordnare)[1] == 1  # fetched and remembered under the owner's generation
    found, queries = fetch(samordnare)
    assert (found, found.organization, queries) == (plan, kommun, 0)
    for _ in range(2):
        with pytest.raises(Http404):
            fetch(outsider)
    # A change of the plan is a change of the kommun's data: fetched again, as it is now.
    LocalPlan.objects.filter(pk=plan.pk).update(title="Ny titel")
    plan.refresh_from_db()
    plan.save()
    found, queries = fetch(samordnare)
    assert (found.title, queries > 0) == ("Ny titel", True)


def test_within_a_request_a_generation_is_read_once_and_a_bump_in_it_is_seen(kommun, monkeypatch):
    from django.core.cache import cache

    from samverkan.fragments import bump, generations_read_once

    reads = []
    original = cache.get_many

    def counted(keys):
        reads.append(list(keys))
        return original(keys)

    monkeypatch.setattr(cache, "get_many", counted)
    with generations_read_once():
        first = generations([kommun.pk])
        assert generations([kommun.pk]) == first
        assert len(reads) == 1
        bump([kommun.pk])
        after = generations([kommun.pk])
        assert after != first
        assert len(reads) == 1
    # Outside a request every call asks the cache, and sees the bump.
    assert generations([kommun.pk]) == after
    assert len(reads) == 2


def test_the_county_overview_lists_its_kommuner_from_the_cache_and_follows_a_renamed_one(
    kommun, county_reader, lansstyrelse
):
    client = client_for(county_reader)
    url = reverse("dashboard_overview")
    assert kommun.name in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert not [query for query in warm if "samverkan_organization" in query["sql"]]
    kommun.name = "Norsjö kommun (nytt namn)"
    kommun.save()
    assert "Norsjö kommun (nytt namn)" in client.get(url).content.decode()
