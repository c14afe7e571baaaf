from datetime import date
from decimal import Decimal

import pytest

from lagesbild.models import Theme
from lagesbild.services import add_problem, add_source, create_indicator, create_lagesbild


@pytest.fixture
def themes(db):
    return {theme.slug: theme for theme in Theme.objects.all()}


@pytest.fixture
def lagesbild(kommun, samordnare, themes):
    return create_lagesbild(
        kommun,
        actor=samordnare,
        title="Lägesbild Norsjö 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        kartlaggning="Anmälda brott ökar i centrum.",
        analys="Narkotika bland unga är det största problemet.",
    )


@pytest.fixture
def source(lagesbild, samordnare):
    return add_source(lagesbild, actor=samordnare, kind="webbenkat", title="Webbenkät 2024", date=date(2024, 11, 1))


@pytest.fixture
def problems(lagesbild, samordnare, themes, source):
    return [
        add_problem(
            lagesbild,
            actor=samordnare,
            title=title,
            theme=themes[theme],
            causes=["Orsak A", "Orsak B"],
            sources=[source],
        )
        for title, theme in (
            ("Narkotika bland unga", "andt-s"),
            ("Trafikbrott", "trafik"),
            ("Inbrott i sommarstugor", "tillgreppsbrott"),
        )
    ]


@pytest.fixture
def indicator(kommun, samordnare):
    return create_indicator(
        kommun,
        actor=samordnare,
        name="Anmälda tillgreppsbrott",
        unit="per 1 000 invånare",
        source="Brå",
        baseline_year=2020,
        baseline_value=Decimal("21.4"),
    )
