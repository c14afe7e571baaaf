"""English is a real second language: the catalogue is complete and up to date with the code,
nothing a reader sees is left unmarked for translation, the pages of the URL walk show no Swedish
of the interface in English, and e-mails and PDFs follow the reader's language."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from followup import services as followup_services
from samverkan.models import Notification, User
from samverkan.notifications import send_email
from samverkan.tasks import send_invitation
from tests.conftest import client_for
from tests.test_url_walk import url_kwargs, victim  # noqa: F401 - fixtures
from tests.translation import (
    CATALOGUE,
    ROOT,
    eager_translations_at_import,
    gettext_literals,
    placeholders,
    project_templates,
    python_files,
    read_po,
    text_nodes,
    unmarked_in_template,
    unmarked_python_strings,
)

#: What makemessages leaves out: installed packages, generated files and data, the tests.
IGNORED = [".venv", "node_modules", "var", "bench/data", "staticfiles", "static", "screenshots", "tests"]

#: Swedish strings in Python that no reader of the app sees, each with why.
ALLOWED_PYTHON: dict[str, set[str] | None] = {
    # The importers and the recogniser read Swedish source documents: their patterns and the
    # words they look for are Swedish on purpose.
    "agreements/importing.py": None,
    "medborgarloften/importing.py": None,
    "samverkan/recognising.py": None,
    "samverkan/reading.py": None,
    # Words that mark a heading row in an uploaded CSV file.
    "lagesbild/imports.py": {"år"},
    # iCalendar product identifiers, never shown.
    "followup/meetings/handovers.py": {"-//Samverkan//Möten//SV"},
    # JSON keys of the public open-data feed (an interface, kept stable) and the product id.
    "medborgarloften/public.py": {"till", "-//Samverkan//Medborgarlöften//SV"},
    # The name of a placeholder, %(per)s, in the dict that fills a translated text.
    "medborgarloften/targets.py": {"per"},
    # The stored signing method, a value in the database.
    "agreements/models.py": {"lösenord"},
    # Errors for developers and operators (a misconfigured server), never for a reader.
    "samverkan/http.py": {"Ingen inloggad person."},
    "samverkan/models.py": {"E-postadress krävs."},
    "samverkan/seal.py": {"Sigillets nyckel eller certifikat kunde inte läsas."},
    "samverkan/tenancy.py": {
        "Ingen behörighetskontext är aktiv.",
        " frågades utan behörighetskontext; använd viewing_as(...) eller system_scope().",
    },
    # A Celery task's result, seen only in the worker's log.
    "samverkan/importing.py": {"inget att läsa"},
}


# --- The catalogue ---------------------------------------------------------------------------


def key(entry) -> tuple[str, str]:
    return (entry.context, entry.msgid)


@pytest.fixture(scope="module")
def catalogue_from_the_code(tmp_path_factory) -> Path:
    """The committed catalogue merged with what makemessages finds in the code today. It runs in
    a copy of the source: makemessages writes to the locale/ folder it finds on its walk, and the
    committed catalogue must not change under a test."""
    copy = tmp_path_factory.mktemp("source") / "samverkan"
    skipped = {*IGNORED, "locale", "__pycache__"}
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda folder, names: [n for n in names if n in skipped or n.startswith(".") or n.endswith(".mo")],
    )
    merged = copy / CATALOGUE.relative_to(ROOT)
    merged.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, merged)
    committed = CATALOGUE.read_bytes()
    here = os.getcwd()
    os.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]), translation.override(None):
            call_command("makemessages", locale=["en"], ignore_patterns=IGNORED, no_obsolete=True, verbosity=0)
    finally:
        os.chdir(here)
    assert CATALOGUE.read_bytes() == committed
    return merged


def test_every_msgid_in_the_code_has_an_english_translation_that_is_not_fuzzy(catalogue_from_the_code):
    entries = read_po(catalogue_from_the_code)
    assert len(entries) > 1000
    untranslated = [entry.msgid for entry in entries if not entry.translated]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    assert not untranslated, f"Utan engelsk översättning i {CATALOGUE.relative_to(ROOT)}: {untranslated}"
    assert not fuzzy, f"Osäkra (fuzzy) översättningar att se över: {fuzzy}"


def test_the_committed_catalogue_is_up_to_date_with_the_code(catalogue_from_the_code):
    committed = {key(entry) for entry in read_po(CATALOGUE)}
    in_code = {key(entry) for entry in read_po(catalogue_from_the_code)}
    assert not in_code - committed, f"Kör makemessages och översätt de nya texterna: {in_code - committed}"
    assert not committed - in_code, f"Kör makemessages: texter som koden inte längre har: {committed - in_code}"


def test_translations_keep_the_placeholders_and_are_english():
    entries = read_po(CATALOGUE)
    for entry in entries:
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for index, text in entry.msgstr.items():
            assert placeholders(text) == placeholders(sources[min(index, 1)]), (entry.msgid, text)
    # English, not Swedish left in place: no Swedish word or letter, but in the names of places
    # and of Brå.
    names = re.compile(r"Brå|Piteå Älvdal|Norsjö")
    swedish = [
        text
        for entry in entries
        for text in entry.msgstr.values()
        if re.search(
            r"\b(och|för|inte|att|är|av|med|som|ska|har|eller|inga|ingen|alla)\b|[åäöÅÄÖ]", names.sub("", text)
        )
    ]
    assert not swedish, swedish


def test_the_compiled_catalogue_gives_english():
    with translation.override("en"):
        assert translation.gettext("Samverkansöverenskommelser") == "Collaboration agreements"
        assert translation.ngettext("%(n)s aktivitet", "%(n)s aktiviteter", 2) == "%(n)s activities"
    with translation.override("sv"):
        assert translation.gettext("Samverkansöverenskommelser") == "Samverkansöverenskommelser"


# --- Nothing unmarked ------------------------------------------------------------------------


def test_every_template_marks_its_text_for_translation():
    templates = project_templates()
    assert len(templates) > 80
    unmarked = {str(path.relative_to(ROOT)): found for path in templates if (found := unmarked_in_template(path))}
    assert not unmarked, f"Text utanför {{% translate %}}/{{% blocktranslate %}}: {unmarked}"


def test_the_template_scanner_finds_unmarked_text(tmp_path):
    template = tmp_path / "templates" / "x.html"
    template.parent.mkdir()
    template.write_text(
        '{% load i18n %}<h1>{% translate "Rubrik" %}</h1><p title="Hjälp">{{ x }} Spara</p>'
        "{% blocktranslate %}Hej {{ x }}{% endblocktranslate %}{# kommentar #}<style>p{}</style>"
    )
    assert unmarked_in_template(template) == ["Hjälp", "Spara"]


def test_python_strings_a_reader_sees_are_marked_for_translation():
    found = []
    for path in python_files():
        relative = path.relative_to(ROOT).as_posix()
        allowed = ALLOWED_PYTHON.get(relative, set())
        if allowed is None:
            continue
        found += [f"{relative}:{s.line}: {s.text!r}" for s in unmarked_python_strings(path) if s.text not in allowed]
    assert not found, "Svenska strängar utanför gettext:\n" + "\n".join(found)


# --- Pages in English ------------------------------------------------------------------------

#: Words of the Swedish interface; none of them is an English word.
SWEDISH_UI = re.compile(
    r"\b(och|för|inte|att|är|av|med|som|ska|har|eller|inga|ingen|alla|"
    r"Spara|Ändra|Logga|Redigera|Ta bort|Tillbaka|Lägg till|Visa|Skriv|Välj|Skapa|Avbryt|Historik|Uppföljning|"
    r"Lägesbild|Medborgarlöfte|Överenskommelse|Aktivitet|Kommun|Sida|Utkast|Ny|Nytt|Inget)\b",
    re.IGNORECASE,
)


def data_strings() -> list[str]:
    """Every text value stored in the test database (names, titles, free text): Swedish data,
    which an English page shows as it is."""
    values: set[str] = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        if fields:
            for row in model._base_manager.values_list(*fields):
                values.update(v for value in row if isinstance(value, str) for v in [value, *value.splitlines()])
    return sorted((v.strip() for v in values if len(v.strip()) > 3), key=len, reverse=True)


def swedish_left(text: str, data: list[str]) -> str:
    """What Swedish interface words are left in `text` once the data in it is taken away (a
    shortened value, "Polisnärvaro vid skolor…", counts as its data)."""
    if not SWEDISH_UI.search(text):
        return ""
    if text.endswith("…") and any(value.startswith(text[:-1].rstrip()) for value in data):
        return ""
    for value in data:
        if value in text:
            text = text.replace(value, " ")
            if not SWEDISH_UI.search(text):
                return ""
    return text


@pytest.mark.parametrize("role", ["samordnare", "police_contact"])
def test_every_page_of_the_walk_speaks_english_to_a_person_who_chose_it(
    role,
    request,
    url_kwargs,  # noqa: F811
    samordnare,
):
    person = request.getfixturevalue(role)
    User.objects.filter(pk=person.pk).update(language="en")  # the saved choice, no cookie
    client = client_for(person)
    data = data_strings()
    pages, leaks = 0, {}
    for name, kwargs in url_kwargs.items():
        response = client.get(reverse(name, kwargs=kwargs()))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        assert response["Content-Language"] == "en", name
        left = [found for text in text_nodes(response.content.decode()) if (found := swedish_left(text, data))]
        if left:
            leaks[name] = left
    assert pages > 30
    assert not leaks, f"Svenska i gränssnittet på engelska sidor: {leaks}"


def test_the_swedish_check_would_catch_swedish_interface_text():
    data = ["Norsjö kommun och polisen"]
    assert swedish_left("Spara ändringarna", data)
    assert not swedish_left("Norsjö kommun och polisen", data)
    assert not swedish_left("Save the changes", data)


def test_the_language_switch_saves_the_choice_on_the_person(samordnare):
    client = client_for(samordnare)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    samordnare.refresh_from_db()
    assert samordnare.language == "en"
    # Another device (no cookie) gets the saved choice.
    other = client_for(samordnare)
    assert "Log out" in other.get(reverse("oversikt")).content.decode()
    # Switching back works the same way.
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    samordnare.refresh_from_db()
    assert samordnare.language == "sv"
    assert "Logga ut" in client_for(samordnare).get(reverse("oversikt")).content.decode()


def test_an_anonymous_visitor_gets_swedish_by_default_and_english_when_chosen(client):
    swedish = client.get(reverse("home")).content.decode()
    assert "Logga in" in swedish
    # Each language is offered in its own words, as its lang attribute says.
    assert ">English</option>" in swedish
    assert ">Svenska</option>" in swedish
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("home")).content.decode()


# --- E-mail and PDF --------------------------------------------------------------------------


def test_an_invitation_reaches_an_english_preferring_person_in_english(kommun, samordnare, leader):
    User.objects.filter(pk=samordnare.pk).update(language="en")
    send_invitation(samordnare.pk, kommun.pk, leader.pk, False)
    send_invitation(leader.pk, kommun.pk, samordnare.pk, False)
    english, swedish = mail.outbox
    assert english.subject == f"You have been given a role in {kommun.name} in Samverkan"
    assert "Log in as usual:" in english.body
    assert "Logga in som vanligt:" in swedish.body


def test_a_digest_reaches_an_english_preferring_person_in_english(samordnare):
    User.objects.filter(pk=samordnare.pk).update(language="en")
    samordnare.refresh_from_db()
    notifications = [
        Notification.objects.create(
            user=samordnare, kind="activity_due", subject_key=f"x:{n}", period_key="p", title="T"
        )
        for n in range(2)
    ]
    send_email(notifications, base_url="https://samverkan.example.se")
    [message] = mail.outbox
    assert message.subject == "Samverkan: 2 reminders"
    assert f"Hello {samordnare.get_short_name()}," in message.body
    assert "You can choose which reminders you receive" in message.body


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()  # noqa: S607


def test_the_annual_report_pdf_follows_the_requesters_language(ready, kommun, samordnare, leader, active_lofte):
    report = followup_services.create_report(
        ready, actor=samordnare, organization=kommun, year=timezone.localdate().year
    )
    client = client_for(leader)
    url = reverse("report_pdf", args=[report.uuid])
    swedish = pdf_text(client.get(url).content)
    assert "Genomförda aktiviteter" in swedish
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = pdf_text(client.get(url).content)
    assert "Completed activities" in english
    assert "Genomförda aktiviteter" not in english
    assert "DRAFT" in english


def test_a_sealed_original_stays_swedish_whoever_seals_it(ready, kommun, samordnare, active_lofte, seal_dir):
    from samverkan.sealed import seal_bytes

    report = followup_services.create_report(
        ready, actor=samordnare, organization=kommun, year=timezone.localdate().year
    )
    with translation.override("en"):
        text = pdf_text(seal_bytes(report))
        assert translation.get_language() == "en"
    assert "Genomförda aktiviteter" in text
    assert "Completed activities" not in text


def test_no_module_or_class_translates_when_it_is_imported():
    """A form label or constant given gettext (not gettext_lazy) is translated once, at import,
    in Swedish, and stays Swedish on English pages."""
    eager = [f"{p.relative_to(ROOT)}:{line}" for p in python_files() for line in eager_translations_at_import(p)]
    assert not eager, f"Använd gettext_lazy här: {eager}"


def test_a_handover_notice_is_written_in_each_recipients_language(samordnare, leader):
    from samverkan.handovers import notify_handover

    User.objects.filter(pk=samordnare.pk).update(language="en")
    samordnare.refresh_from_db()
    notify_handover(
        [samordnare, leader],
        kind="signature_requested",
        subject_key="agreement:1",
        period_key="sign:v1",
        title=lambda: translation.gettext("Skriv under: %(title)s") % {"title": "X"},
        body=lambda: translation.gettext("Överenskommelsen väntar på din underskrift för %(org)s.") % {"org": "Y"},
    )
    assert Notification.objects.get(user=samordnare).title == "Sign: X"
    assert Notification.objects.get(user=leader).title == "Skriv under: X"


def test_the_reminder_scan_writes_each_reminder_in_its_recipients_language(samordnare, leader):
    from followup.services import _in_each_language
    from samverkan.notifications import Planned

    User.objects.filter(pk=samordnare.pk).update(language="en")
    people = [User.objects.get(pk=samordnare.pk), User.objects.get(pk=leader.pk)]

    def plan(today):
        return [
            Planned(
                kind="activity_behind",
                user=user,
                subject_key="activity:1",
                period_key=f"{today:%Y-%m}",
                title=translation.gettext("Efter: %(what)s") % {"what": "X"},
                body="",
            )
            for user in people
        ]

    planned = _in_each_language(timezone.localdate(), plan)
    assert sorted((item.user.pk, item.title) for item in planned) == sorted(
        [(samordnare.pk, "Behind: X"), (leader.pk, "Efter: X")]
    )


def test_an_approved_reports_frozen_swedish_labels_are_shown_in_the_readers_language():
    from followup.reports import in_active_language

    frozen = {
        "groups": [
            {"focus_area": "Trygghet", "rows": [{"what": "Patrull", "responsible": "Polisen", "status_label": "Efter"}]}
        ],
        "totals": [{"status": "i_fas", "label": "I fas", "count": 1}],
    }
    with translation.override("en"):
        shown = in_active_language(frozen)
    assert shown["groups"][0]["rows"][0] == {"what": "Patrull", "responsible": "The Police", "status_label": "Behind"}
    assert shown["totals"][0]["label"] == "On track"
    with translation.override("sv"):
        assert in_active_language(frozen) == frozen


def test_every_msgid_written_in_python_is_in_the_catalogue():
    """makemessages (xgettext) misses some gettext calls, e.g. inside an f-string: such a text
    stays Swedish on English pages though it looks marked."""
    msgids = {entry.msgid for entry in read_po(CATALOGUE)} | {entry.msgid_plural for entry in read_po(CATALOGUE)}
    missed = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in python_files()
        for line, text in gettext_literals(path)
        if text not in msgids
    ]
    assert not missed, "Texter som makemessages inte hittar (flytta ut dem ur f-strängen):\n" + "\n".join(missed)
