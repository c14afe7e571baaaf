"""The activity's target is written as a sentence ("[minst] [4] gånger per [år]", "vid behov",
"löpande") with a preview of the very text the public page shows: one function, targets.describe,
makes both. Without JavaScript the preview comes with the form when it is sent."""

import html
import re

import pytest
from django.urls import reverse

from medborgarloften import services
from medborgarloften.forms import ActivityForm
from medborgarloften.models import Activity
from tests.conftest import client_for
from tests.medborgarloften.test_revisions import public_texts, sign_both

#: What the form sends when nothing but the kind and its words are chosen.
BLANK = {
    "target_kind": "antal",
    "target_count": "1",
    "target_unit": "",
    "target_every": "1",
    "target_multiplier": "1",
    "target_multiplier_label": "",
    "target_text": "",
}

#: Each shape a target takes, and the words the public page shows for it.
SHAPES = [
    ({"target_count": "4", "target_unit": "ar"}, "4 gånger per år"),
    ({"target_minimum": "on", "target_count": "1", "target_unit": "manad"}, "Minst 1 gång per månad"),
    ({"target_count": "1", "target_unit": "helg", "target_every": "3"}, "Var tredje helg"),
    (
        {"target_count": "1", "target_unit": "ar", "target_multiplier": "4", "target_multiplier_label": "klass 6–9"},
        "1 gång per år per klass 6–9 (4 st)",
    ),
    (
        {"target_minimum": "on", "target_count": "10", "target_unit": "manad", "target_text": "Minst 10 kontroller"},
        "Minst 10 kontroller",
    ),
    ({"target_kind": "vid_behov", "target_text": "Under riskhelger"}, "Under riskhelger"),
    ({"target_kind": "lopande", "target_text": "Varje arbetspass"}, "Varje arbetspass"),
]


def preview(client, lofte, **typed):
    """The preview as htmx fetches it while the person types: (text, problem)."""
    response = client.get(reverse("activity_target_preview", args=[lofte.uuid]), {**BLANK, **typed})
    assert response.status_code == 200
    body = response.content.decode()
    text = re.search(r'<strong class="target-preview__text">(.*?)</strong>', body)
    problem = re.search(r'<span class="target-preview__problem">(.*?)</span>', body)
    return (html.unescape(text.group(1)) if text else ""), (html.unescape(problem.group(1)) if problem else "")


@pytest.mark.parametrize(("typed", "words"), SHAPES)
def test_the_preview_reads_as_the_public_page_will(samordnare, lofte, typed, words):
    assert preview(client_for(samordnare), lofte, **typed) == (words, "")


def test_the_preview_equals_the_public_pages_text_for_every_shape(
    samordnare, plan, lofte, leader, police_leader, kommun, police_area
):
    client = client_for(samordnare)
    previews = {}
    for number, (typed, _words) in enumerate(SHAPES):
        what = f"Aktivitet {number}"
        previews[what] = preview(client, lofte, **typed)[0]
        plan.refresh_from_db()
        # Sent without JavaScript, as the form is.
        sent = client.post(
            reverse("activity_create", args=[lofte.uuid]),
            {**BLANK, **typed, "what": what, "responsible": "kommun", "version": plan.version},
        )
        assert sent.status_code == 302, sent.content.decode()
    sign_both(lofte, leader, police_leader, kommun, police_area)
    services.publish_lofte(lofte, actor=samordnare)
    page, feed = public_texts(kommun)
    page = html.unescape(page)
    shown = {a["aktivitet"]: a["mal"] for item in feed["medborgarloften"] for a in item["aktiviteter"]}
    for what, words in previews.items():
        activity = Activity.objects.get(what=what)
        assert activity.target_display == words
        assert shown[what] == words
        assert f"<span>{words}</span>" in page


def test_an_activitys_form_previews_its_stored_target(samordnare, plan, lofte, activities):
    for activity in activities:
        form = ActivityForm(instance=activity, lofte=lofte)
        assert form.target_preview() == (activity.target_display, "")
    page = client_for(samordnare).get(reverse("activity_edit", args=[activities[1].uuid])).content.decode()
    assert '<strong class="target-preview__text">2 gånger per år</strong>' in page


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ({"target_count": "0", "target_unit": "ar"}, "Ange hur många gånger, minst 1."),
        ({"target_count": "4"}, "Välj per vilken period."),
        ({"target_count": "100001", "target_unit": "ar"}, "Gånger: Värdet måste ligga mellan 0 och 100000."),
        ({"target_count": "fyra", "target_unit": "ar"}, "Gånger: Fyll i ett heltal."),
        (
            {"target_count": "1", "target_unit": "ar", "target_every": "0"},
            "Var n:e period: Värdet måste ligga mellan 1 och 1000.",
        ),
        (
            {"target_count": "1", "target_unit": "ar", "target_multiplier": "4"},
            "Skriv vad antalet gäller, t.ex. ”klass 6–9”.",
        ),
        ({"target_kind": "vid_behov"}, "Skriv när aktiviteten görs, t.ex. ”vid behov” eller ”under riskhelger”."),
        ({"target_kind": "lopande"}, "Skriv hur ofta, t.ex. ”löpande” eller ”varje arbetspass”."),
    ],
)
def test_the_preview_says_in_swedish_what_keeps_the_target_from_being_saved(samordnare, lofte, typed, problem):
    assert preview(client_for(samordnare), lofte, **typed) == ("", problem)


def test_without_javascript_the_preview_comes_with_the_sent_form(samordnare, plan, lofte):
    client = client_for(samordnare)
    url = reverse("activity_create", args=[lofte.uuid])
    # Something else is missing (what to do): the form comes back, its preview showing the target.
    back = client.post(
        url, {**BLANK, "target_count": "4", "target_unit": "ar", "responsible": "kommun", "version": plan.version}
    )
    page = back.content.decode()
    assert back.status_code == 200
    assert "Aktiviteten kunde inte sparas." in page
    assert '<strong class="target-preview__text">4 gånger per år</strong>' in page
    # The target itself is wrong: the preview says why, beside the field's own error.
    back = client.post(
        url,
        {**BLANK, "what": "Kontroller", "target_count": "0", "target_unit": "ar", "responsible": "kommun"}
        | {"version": plan.version},
    )
    page = back.content.decode()
    assert '<span class="target-preview__problem">Gånger: Ange hur många gånger, minst 1.</span>' in page
    assert not Activity.objects.filter(what="Kontroller").exists()


def test_only_those_who_see_the_promise_get_a_preview(outsider, lofte):
    response = client_for(outsider).get(reverse("activity_target_preview", args=[lofte.uuid]), BLANK)
    assert response.status_code == 404
