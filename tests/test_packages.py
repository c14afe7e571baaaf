"""The apps hold product code only: the demo data (demo/) and the benchmark (bench/) sit above
them, import them, and are imported by none of them."""

import ast
from pathlib import Path

from django.conf import settings

from tests.conftest import load_product_module

ROOT = Path(__file__).resolve().parent.parent


def imported_packages(package: str) -> set[str]:
    """The top-level packages that the modules of `package` import."""
    found: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_no_app_imports_the_demo_or_the_benchmark():
    for app in settings.SAMVERKAN_APPS:
        assert not imported_packages(app) & {"demo", "bench"}, app


def test_the_demo_and_the_benchmark_do_not_import_each_other():
    assert "bench" not in imported_packages("demo")
    assert "demo" not in imported_packages("bench")


def test_the_demo_is_installed_only_in_development(monkeypatch):
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    production = load_product_module("settings", monkeypatch, SECRET_KEY="x" * 50)
    assert "demo" not in production.INSTALLED_APPS
    development = load_product_module("settings", monkeypatch, DJANGO_DEBUG="1")
    assert "demo" in development.INSTALLED_APPS
