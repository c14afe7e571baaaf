"""Two people editing the same thing never overwrite each other silently: every edit form carries
the version its person loaded, and saving from a stale version is refused with the stored values
shown beside what was typed, which is kept.

The walk covers every URL pattern named `*_edit`, so a new edit page without a version check
fails here.
"""

import pytest
from django.urls import reverse

from tests.forms_on_page import Form, post_forms
from tests.test_url_walk import all_url_names, url_kwargs, victim  # noqa: F401 - fixtures

#: Who edits what: the police area's own party row is edited by its people.
EDITOR_OF = {"party_edit": "police_contact"}


def _edit_form(html: str, name: str) -> Form:
    versioned = [form for form in post_forms(html) if "version" in form.fields]
    assert len(versioned) == 1, f"{name}: redigeringsformuläret bär ingen version"
    return versioned[0]


def _changed(form: Form, marker: str) -> dict[str, list[str]]:
    data = form.data()
    assert form.texts, "formuläret har inget textfält att ändra"
    first = form.texts[0]
    data[first] = [(data[first][0] if data[first] else "") + marker]
    return data


def test_every_edit_page_is_walked():
    assert {name for name in all_url_names() if name.endswith("_edit")} == set(EDIT_PAGES)


EDIT_PAGES = [
    "lagesbild_edit",
    "source_edit",
    "problem_edit",
    "indicator_edit",
    "agreement_edit",
    "party_edit",
    "focus_edit",
    "commitment_edit",
    "plan_edit",
    "goal_edit",
    "lofte_edit",
    "activity_edit",
    "log_edit",
    "duty_cycle_edit",
    "report_edit",
    "group_edit",
    "meeting_edit",
]


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_a_stale_save_is_refused_and_shows_both_versions(name, request, url_kwargs, samordnare):  # noqa: F811
    from tests.conftest import client_for

    person = request.getfixturevalue(EDITOR_OF.get(name, "samordnare"))
    first, second = client_for(person), client_for(person)
    url = reverse(name, kwargs=url_kwargs[name]())
    # Both open the page and see the same version.
    form_a = _edit_form(first.get(url).content.decode(), name)
    form_b = _edit_form(second.get(url).content.decode(), name)
    assert form_a.fields["version"] == form_b.fields["version"]

    saved = first.post(url, _changed(form_a, " – sparat först"))
    assert saved.status_code == 302, f"{name}: första sparningen gick inte igenom ({saved.status_code})"

    typed = _changed(form_b, " – skrivet senare")
    refused = second.post(url, typed)
    body = refused.content.decode()
    assert refused.status_code == 200, f"{name}: den inaktuella sparningen gick igenom"
    assert "Någon annan har sparat ändringar" in body
    # What the second person typed is kept, and what is stored now is shown beside it.
    assert "skrivet senare" in body
    assert "sparat först" in body
    # Saving again from the page they now have is a deliberate choice, and it goes through.
    again = _edit_form(body, name)
    assert again.fields["version"] != form_b.fields["version"]
    assert second.post(url, again.data()).status_code == 302
