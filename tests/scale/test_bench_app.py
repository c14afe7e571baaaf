"""The benchmark is an app of its own, installed only when SAMVERKAN_BENCH asks for it: the test
suite installs it (tests/settings.py); the product's configuration does not."""

import importlib.util
import sys
from types import ModuleType

import pytest
from django.urls import NoReverseMatch, reverse

import samverkan


def load_fresh(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """samverkan/<name>.py evaluated anew, as a process without SAMVERKAN_BENCH would."""
    monkeypatch.delenv("SAMVERKAN_BENCH", raising=False)
    spec = importlib.util.spec_from_file_location(
        f"samverkan._without_bench_{name}", f"{samverkan.__path__[0]}/{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_hello_world_is_served_where_the_benchmark_is_installed(client):
    response = client.get(reverse("bench_hello"))
    assert response.status_code == 200
    assert response.content == b"Hello, world"


def test_the_benchmark_is_not_installed_without_its_setting(monkeypatch):
    product = load_fresh("settings", monkeypatch)
    assert product.SAMVERKAN_BENCH is False
    assert "bench" not in product.INSTALLED_APPS


def test_hello_world_is_404_without_the_benchmark(client, settings, monkeypatch):
    settings.SAMVERKAN_BENCH = False
    settings.ROOT_URLCONF = load_fresh("urls", monkeypatch)
    assert client.get("/bench/hello/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench_hello")
