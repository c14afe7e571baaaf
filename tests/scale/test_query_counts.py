"""Queries per key page do not grow with the amount of data: each page is rendered with a small
and a larger dataset, and must make the same number of queries."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followup import services as followup_services
from followup.models import ActivityLog
from medborgarloften import services as plan_services
from medborgarloften.models import Activity
from samverkan.models import Organization
from tests.conftest import activity_fields, client_for


def grow(lofte, plan, samordnare, police_contact, police_area, kommun, n):
    """Add n activities to the promise and three logs to each. Written as rows, like the logs: the
    promise is signed, and its activities change only through a new version, which would replace
    the ones the pages show."""
    for i in range(n):
        activity = Activity.objects.create(
            lofte=lofte,
            order=100 + i,
            **activity_fields(what=f"Extra aktivitet {i}", responsible="bada", heading=f"Område {i % 3}"),
        )
        for days in range(3):
            ActivityLog.objects.create(
                activity=activity,
                organization=police_area,
                done_on=timezone.localdate() - timedelta(days=days),
                logged_by=police_contact,
            )
    for i in range(n):
        Organization.objects.create(slug=f"extra-{i}", kind="kommun", name=f"Extrakommun {i}", county=kommun.county)


def count_queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), url
    return len(queries)


@pytest.fixture
def pages(active_lofte, plan, kommun, ready, samordnare, leader, county_reader, police_contact, police_area):
    plan_services.publish_lofte(active_lofte, actor=samordnare)
    report = followup_services.create_report(
        ready, actor=samordnare, organization=kommun, year=timezone.localdate().year
    )
    return [
        (samordnare, reverse("oversikt"), "get", None),
        (samordnare, reverse("dashboard_kommun", args=[kommun.slug]), "get", None),
        (county_reader, reverse("dashboard_overview"), "get", None),
        (samordnare, plan.get_absolute_url(), "get", None),
        (police_contact, reverse("log"), "get", None),
        (None, reverse("public_loften", args=[kommun.slug]), "get", None),
        (leader, report.get_absolute_url(), "get", None),
    ]


def test_key_pages_make_the_same_number_of_queries_with_more_data(
    pages, active_lofte, plan, samordnare, police_contact, police_area, kommun, client
):
    def measure():
        cache.clear()  # the county overview is cached for a minute: count what computing it costs
        return [
            count_queries(client_for(user) if user else client, url, method, data) for user, url, method, data in pages
        ]

    measure()  # warm caches (content types, sessions) so that both runs start alike
    small = measure()
    grow(active_lofte, plan, samordnare, police_contact, police_area, kommun, 12)
    large = measure()
    assert dict(zip([url for _u, url, _m, _d in pages], large, strict=True)) == dict(
        zip([url for _u, url, _m, _d in pages], small, strict=True)
    )


def test_logging_an_activity_makes_the_same_number_of_queries_with_more_data(
    active_lofte, activities, plan, samordnare, police_contact, police_area, kommun
):
    client = client_for(police_contact)
    data = {"activity": activities[0].pk, "done_on": timezone.localdate().isoformat(), "count": "1"}
    count_queries(client, reverse("log"), "post", data)
    small = count_queries(client, reverse("log"), "post", data)
    grow(active_lofte, plan, samordnare, police_contact, police_area, kommun, 12)
    assert count_queries(client, reverse("log"), "post", data) == small


#: The most queries any key page may make (issue #19: constant with the data, and at most 10).
MAX_QUERIES = 10


@pytest.fixture
def every_key_page(pages, kommun, samordnare, leader, county_reader, police_contact, police_area, lansstyrelse, ready):
    """Every key page as each person who uses it, with the data that makes each part of the page
    ask: a decided åtgärdsplan, a samordningsfunktion with a person in it, a group with a meeting,
    and something on a leader's Att göra."""
    from followup.meetings import services as meeting_services
    from samverkan.coordination import appoint_samordningsfunktion
    from samverkan.groups import services as group_services
    from tests.followup.test_duties import adopted_picture, decided_plan

    decided_plan(kommun, samordnare, adopted_picture(kommun, samordnare))
    appoint_samordningsfunktion(
        kommun,
        actor=samordnare,
        role_title="Brottsförebyggande samordnare",
        from_date=timezone.localdate() - timedelta(days=30),
        people=[samordnare],
        decided_by="Kommunstyrelsen",
    )
    group = group_services.create_group(kommun, actor=samordnare, name="Trygghetsrådet")
    group_services.add_party_member(group, actor=samordnare, organization=police_area)
    meeting = meeting_services.plan_meeting(
        group, actor=samordnare, title="Rådsmöte", starts_at=timezone.now() + timedelta(days=7)
    )
    report_page = next(url for user, url, _m, _d in pages if user == leader)
    return [
        *pages,
        (samordnare, report_page, "get", None),
        (leader, reverse("oversikt"), "get", None),
        (county_reader, reverse("oversikt"), "get", None),
        (police_contact, reverse("oversikt"), "get", None),
        (samordnare, reverse("duties_kommun", args=[kommun.slug]), "get", None),
        (county_reader, reverse("duties_county"), "get", None),
        (samordnare, reverse("group_list"), "get", None),
        (samordnare, reverse("meeting_detail", args=[meeting.uuid]), "get", None),
        (police_contact, reverse("meeting_detail", args=[meeting.uuid]), "get", None),
    ]


def test_every_key_page_makes_at_most_ten_queries_and_as_many_with_more_data(
    every_key_page, active_lofte, plan, samordnare, police_contact, police_area, kommun, client, settings
):
    # Sessions as in production, where the shared cache holds them (settings.py: cached_db).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

    def measure():
        cache.clear()  # what computing every cached part costs, the person's Access included
        for user, url, method, data in every_key_page:  # then warm: sessions, Access, content types
            count_queries(client_for(user) if user else client, url, method, data)
        return {
            (getattr(user, "email", "anonym"), url): count_queries(
                client_for(user) if user else client, url, method, data
            )
            for user, url, method, data in every_key_page
        }

    small = measure()
    grow(active_lofte, plan, samordnare, police_contact, police_area, kommun, 12)
    large = measure()
    assert large == small
    over = {page: count for page, count in large.items() if count > MAX_QUERIES}
    assert over == {}, f"Fler än {MAX_QUERIES} frågor: {over}"
