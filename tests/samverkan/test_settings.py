import os
import subprocess
import sys

from django.conf import settings


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY"}}
    return subprocess.run(  # our own interpreter and settings module
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "samverkan.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings({})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key():
    result = run_settings({"SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_swedish_first_stockholm_time_and_aware_datetimes():
    assert settings.LANGUAGE_CODE == "sv"
    assert ("en", "Engelska") in [(code, str(name)) for code, name in settings.LANGUAGES]
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True


def test_tests_run_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
