"""The benchmark is an app of its own, installed only when SAMVERKAN_BENCH asks for it: the test
suite installs it (tests/settings.py); the product's configuration does not."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.conftest import client_for, load_product_module


def test_hello_world_is_served_where_the_benchmark_is_installed(client):
    response = client.get(reverse("bench_hello"))
    assert response.status_code == 200
    assert response.content == b"Hello, world"


def test_the_floor_is_an_empty_page_for_a_logged_in_person(client, samordnare):
    assert client.get(reverse("bench_floor")).status_code == 302  # to the login page
    response = client_for(samordnare).get(reverse("bench_floor"))
    assert response.status_code == 200
    # The navigation and the base template, as every authenticated page has them.
    assert samordnare.memberships.get().organization.name in response.content.decode()


def test_the_benchmark_is_not_installed_without_its_setting(monkeypatch):
    product = load_product_module("settings", monkeypatch)
    assert product.SAMVERKAN_BENCH is False
    assert "bench" not in product.INSTALLED_APPS


def test_hello_world_is_404_without_the_benchmark(client, settings, monkeypatch):
    settings.SAMVERKAN_BENCH = False
    settings.ROOT_URLCONF = load_product_module("urls", monkeypatch)
    assert client.get("/bench/hello/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench_hello")
