"""Numbers, dates and words in Swedish on every page and PDF: the URL walk, as the kommun's
samordnare, with data that has decimals, finds no decimal point ("17.3"), no ISO date in the
text ("2026-01-05" rather than "5 januari 2026"), no Django default ("(Changed)", "---------") and
no raw status value ("for_underskrift")."""

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from followup.models import ActivityLog
from lagesbild.services import record_measurement
from samverkan.history import HISTORY_PAGES
from samverkan.numbers import format_date, format_number
from tests.conftest import client_for
from tests.test_url_walk import url_kwargs, victim  # noqa: F401 - fixtures

# A version number such as "WCAG 2.1" is not a decimal.
DECIMAL_POINT = re.compile(r"(?<![\w.,])(?<!WCAG )\d+\.\d+(?![\w.])")
ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
DJANGO_DEFAULTS = ("(Changed)", "(Created)", "(Deleted)", "---------")


class VisibleText(HTMLParser):
    """The text a person reads: no tags, scripts or styles; of attributes only what a text box
    shows."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in ("script", "style")
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type", "text") == "text" and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "walk.pdf"
    path.write_bytes(pdf)
    command = [shutil.which("pdftotext") or "pdftotext", str(path), "-"]
    return " ".join(subprocess.run(command, check=True, capture_output=True, text=True).stdout.split())  # noqa: S603


def raw_status_values() -> set[str]:
    """Every stored choice value that is not also a word (e.g. for_underskrift, ej_matbar)."""
    values = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "choices", None) or []:
                if isinstance(value, str) and "_" in value:
                    values.add(value)
    return values


def problems_in(text: str, raw_values: set[str]) -> list[str]:
    found = [f"decimalpunkt {m}" for m in DECIMAL_POINT.findall(text)]
    found += [f"ISO-datum {m}" for m in ISO_DATE.findall(text)]
    found += [default for default in DJANGO_DEFAULTS if default in text]
    words = set(re.findall(r"[\w]+", text))
    found += [f"rått värde {value}" for value in raw_values & words]
    return found


@pytest.fixture
def with_decimals(victim, samordnare):  # noqa: F811
    """The victim's indicator gets a value with decimals and its baseline one, and a log its hours."""
    indicator = victim["indicator"]
    indicator.baseline_value = Decimal("12.5")
    indicator.save()
    record_measurement(
        indicator, actor=samordnare, period_start=date(2022, 1, 1), granularity="ar", value=Decimal("17.3")
    )
    log = ActivityLog.objects.get(pk=victim["log"].pk)
    log.hours = Decimal("1.5")
    log.save()  # a change in the log's history, too
    return victim


def test_every_page_and_pdf_writes_numbers_dates_and_words_in_swedish(
    samordnare,
    with_decimals,
    url_kwargs,  # noqa: F811
    tmp_path,
):
    client = client_for(samordnare)
    raw_values = raw_status_values()
    assert "for_underskrift" in raw_values
    seen_pages, seen_pdfs, problems = 0, 0, {}
    joined = []
    for name, kwargs in url_kwargs.items():
        response = client.get(reverse(name, kwargs=kwargs()))
        kind = response.get("Content-Type", "")
        if response.status_code != 200:
            continue
        if "html" in kind:
            text = visible_text(response.content.decode())
            seen_pages += 1
        elif "pdf" in kind:
            text = pdf_text(response.content, tmp_path)
            seen_pdfs += 1
        else:
            continue
        joined.append(text)
        if found := problems_in(text, raw_values):
            problems[name] = found
    assert not problems
    assert seen_pages > 30
    assert seen_pdfs >= 3
    everything = " ".join(joined)
    # The walk does reach the numbers and dates it checks, written the Swedish way.
    assert "17,3" in everything
    assert "1,5" in everything
    assert "12,5" in everything  # the baseline, on the indicator's page and in its edit form
    assert "5 januari 2026" in everything


def test_the_checks_catch_what_they_look_for():
    raw = {"for_underskrift"}
    assert problems_in("Utfört 12.0 av 17.3", raw) == ["decimalpunkt 12.0", "decimalpunkt 17.3"]
    assert problems_in("Loggad 2026-01-05 av Kim", raw) == ["ISO-datum 2026-01-05"]
    assert problems_in("Status: for_underskrift (Changed)", raw) == ["(Changed)", "rått värde for_underskrift"]
    assert problems_in("Utfört 12 av 17,3 den 5 januari 2026, § 12, kl. 14:30. Lag (2023:196).", raw) == []


def test_dates_and_numbers_follow_the_language():
    day = date(2026, 11, 29)
    assert format_date(day) == "29 november 2026"
    assert format_number(Decimal("17.30")) == "17,3"
    with translation.override("en"):
        assert format_date(day) == "Nov. 29, 2026"
        assert format_number(Decimal("17.30")) == "17.3"


def test_every_kind_of_history_page_speaks_swedish(samordnare, with_decimals):
    client = client_for(samordnare)
    raw_values = raw_status_values()
    objects = {type(value): value for value in with_decimals.values() if hasattr(value, "uuid")}
    walked = []
    for kind, model in HISTORY_PAGES.items():
        if model not in objects:
            continue
        response = client.get(reverse("object_history", args=[kind, objects[model].uuid]))
        assert response.status_code == 200, kind
        text = visible_text(response.content.decode())
        assert not problems_in(text, raw_values), (kind, problems_in(text, raw_values))
        walked.append(kind)
        if model is ActivityLog:
            assert "Ändrad" in text
            assert "1,5" in text
    for name, obj in (("lagesbild_history", "lagesbild"), ("agreement_history", "agreement"), ("plan_history", "plan")):
        text = visible_text(client.get(reverse(name, args=[with_decimals[obj].uuid])).content.decode())
        assert "Skapad" in text
        assert not problems_in(text, raw_values), (name, problems_in(text, raw_values))
    # Most kinds of history page have an object in the walk's data.
    assert len(walked) >= len(HISTORY_PAGES) // 2, walked
