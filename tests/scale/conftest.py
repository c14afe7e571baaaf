"""The benchmark's national dataset, built for two small counties once per test module: the
rows are written in a transaction that is rolled back when the module is done, and each test
runs inside it in a savepoint of its own, so what one test changes the next does not see."""

from datetime import date

import pytest
from django.db import transaction

from bench import scale
from samverkan.tenancy import system_scope
from tests.conftest import ensure_themes

TODAY = date(2026, 6, 15)
# Gotland (1 kommun) and Blekinge (5 kommuner).
COUNTIES = ["09", "10"]


def build_small_nation() -> scale.Built:
    ensure_themes()
    return scale.build(today=TODAY, log_years=2, counties=COUNTIES)


@pytest.fixture(scope="module")
def _small_nation_of_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic(), system_scope():
        yield build_small_nation()
        transaction.set_rollback(True)


@pytest.fixture
def small_nation(_small_nation_of_module, db):
    return _small_nation_of_module
