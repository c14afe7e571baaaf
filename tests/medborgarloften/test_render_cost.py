"""The plan editor and the annual report render at a cost independent of their length: URLs are
reversed once per kind of link, constant labels translated once per page, and the number of
queries does not grow with the number of activities (behaviour, not timing)."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.urls.resolvers import URLResolver
from django.utils import translation

from medborgarloften import services as plan_services
from tests.conftest import activity_fields, client_for


@contextmanager
def counting() -> Iterator[Counter]:
    """Count reverse() calls (by URL name) and translation lookups while rendering."""
    counts: Counter = Counter()
    original_reverse = getattr(URLResolver, "_reverse_with_prefix")  # noqa: B009 - private, patched
    trans = getattr(translation, "_trans")  # noqa: B009 - private, patched
    original_gettext = trans.gettext

    def counted_reverse(self, lookup_view, _prefix, *args, **kwargs):
        counts["reverse"] += 1
        counts[f"reverse:{lookup_view}"] += 1
        return original_reverse(self, lookup_view, _prefix, *args, **kwargs)

    def counted_gettext(message):
        counts["gettext"] += 1
        counts[f"gettext:{message}"] += 1
        return original_gettext(message)

    setattr(URLResolver, "_reverse_with_prefix", counted_reverse)  # noqa: B010
    trans.gettext = counted_gettext
    try:
        yield counts
    finally:
        setattr(URLResolver, "_reverse_with_prefix", original_reverse)  # noqa: B010
        trans.gettext = original_gettext


def add_activities(lofte, plan, samordnare, n, first=0):
    for index in range(first, first + n):
        plan.refresh_from_db()
        plan_services.add_activity(
            lofte, actor=samordnare, expected_version=plan.version, **activity_fields(what=f"Aktivitet {index}")
        )


def render(client, url):
    """Render the page cold: what a view costs when its body is not in the fragment cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries, counting() as counts:
        response = client.get(url)
    assert response.status_code == 200
    return counts, len(queries), response.content.decode()


def test_plan_editor_cost_does_not_grow_with_its_activities(lofte, plan, samordnare):
    client = client_for(samordnare)
    url = reverse("plan_detail", args=[plan.uuid])
    add_activities(lofte, plan, samordnare, 5)
    client.get(url)  # what is set up once per process
    few, few_queries, _page = render(client, url)
    add_activities(lofte, plan, samordnare, 15, first=5)
    many, many_queries, page = render(client, url)
    assert page.count('class="activity"') == 20
    # Every row has its links, built from one reversal per kind of link.
    for index in range(20):
        assert f"Aktivitet {index}" in page
    activity = lofte.activities.get(what="Aktivitet 7")
    for name in ("activity_edit", "activity_move", "activity_delete", "activity_occasions"):
        assert f'"{reverse(name, args=[activity.uuid])}"' in page
    assert (many["reverse"], many["gettext"], many_queries) == (few["reverse"], few["gettext"], few_queries), [
        (key, many[key] - few[key]) for key in many if many[key] != few[key]
    ]


def test_annual_report_cost_does_not_grow_with_its_activities(
    active_lofte, activities, plan, ready, kommun, samordnare, police_contact, police_area
):
    from django.utils import timezone

    from followup import services
    from medborgarloften.models import Activity

    report = services.create_report(ready, actor=samordnare, organization=kommun, year=timezone.localdate().year)
    client = client_for(samordnare)
    url = reverse("report_detail", args=[report.uuid])

    def grow_to(n):
        # Activities of a signed promise are added in its version; here straight into the table,
        # as many as the test needs, with logs for each.
        template = activities[0]
        for index in range(Activity.all_objects.filter(lofte=active_lofte).count(), n):
            activity = Activity.all_objects.create(
                lofte=active_lofte,
                what=f"Aktivitet {index}",
                responsible=template.responsible,
                target_kind=template.target_kind,
                target_count=template.target_count,
                target_unit=template.target_unit,
                order=index,
            )
            services.log_activity(
                activity, actor=police_contact, organization=police_area, done_on=timezone.localdate()
            )

    grow_to(6)
    client.get(url)
    few, few_queries, _page = render(client, url)
    grow_to(24)
    many, many_queries, page = render(client, url)
    assert "Aktivitet 23" in page, page[page.find("<main") :][:6000]
    assert (many["reverse"], many["gettext"], many_queries) == (few["reverse"], few["gettext"], few_queries), [
        (key, many[key] - few[key]) for key in many if many[key] != few[key]
    ]
