"""Settings for Samverkan, driven by the environment.

Development defaults apply only when DJANGO_DEBUG is on; a production process without
SECRET_KEY refuses to start.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAMVERKAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY måste vara satt när DJANGO_DEBUG inte är på.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Our apps, in the order of the process; imports only run down this list.
SAMVERKAN_APPS = ["samverkan", "lagesbild", "agreements", "medborgarloften", "followup"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_htmx",
    "template_partials.apps.SimpleAppConfig",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    *SAMVERKAN_APPS,
]

# The benchmark (`make bench`, bench/) is no part of the product: its app, with the national
# dataset's commands and a bare hello-world view at /bench/hello/ as the baseline, is installed
# only when SAMVERKAN_BENCH asks for it (make bench and the test suite).
SAMVERKAN_BENCH = env_bool("SAMVERKAN_BENCH")
if SAMVERKAN_BENCH:
    INSTALLED_APPS.append("bench")

# The demo data (demo/: load_demo, demo_code) sits above the apps as well, for development only:
# its accounts have a published password, so a production process cannot load them.
if DEBUG:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samverkan.middleware.LanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samverkan.middleware.TenancyMiddleware",
    "samverkan.security.SecondFactorMiddleware",
]

if not DEBUG:
    # In production WhiteNoise serves the collected static files; runserver does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"

# django-template-partials: one template per view, its updating part a named partial
# (`page.html#partial`) that htmx requests render on their own.
_FILE_LOADERS: list[Any] = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATE_LOADERS: list[Any] = [
    (
        "template_partials.loader.Loader",
        _FILE_LOADERS if DEBUG else [("django.template.loaders.cached.Loader", _FILE_LOADERS)],
    )
]

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "loaders": TEMPLATE_LOADERS,
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverkan.context_processors.tenancy",
            ],
        },
    },
]

# PostgreSQL in production and tests; SQLite only as the embedded default of `make run`.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'samverkan.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "samverkan.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "oversikt"

# django-allauth: e-mail login, no usernames, no public sign-up (people are invited).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "samverkan.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Login throttling: after 5 failed attempts for one account in 5 minutes (or 10 a minute from one
# client address) allauth refuses further attempts for a while, with a message in Swedish.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# How many proxies of ours (the TLS proxy) stand in front of the app. Behind them every connection
# comes from the proxy, so the client's address is the entry that many hops from the right of
# X-Forwarded-For (what the client wrote itself stands further left and is ignored). 0 (the
# default): the header is not trusted at all and the connection's address counts.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# A shared cache (Redis) in production, so that throttling counts across every web process.
CACHES = {
    "default": {"BACKEND": "samverkan.cache.RedisCache", "LOCATION": os.environ["CACHE_URL"]}
    if os.environ.get("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Sessions (issue #19, the per-request floor): with the shared cache they are read from Redis and
# written through to the database (cached_db), so a request costs no session query; the embedded
# default, without Redis, keeps them in the database alone (a process-local cache would not be
# shared between processes).
if os.environ.get("CACHE_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# E-mail
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samverkan <noreply@samverkan.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@samverkan.localhost")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

# Celery: Redis in production. Without a broker (the embedded default) tasks run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    # Before the reminder scan, so that it reminds nobody about work that ended overnight.
    "advance-documents-daily": {
        "task": "followup.tasks.advance_documents",
        "schedule": crontab(hour=6, minute=15),
    },
    "reminders-daily": {
        "task": "followup.tasks.scan_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "weekly-digest": {
        "task": "samverkan.tasks.send_weekly_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="monday"),
    },
}

# Security: strict in production, relaxed only for local development.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: our own scripts, styles and images only; no inline scripts anywhere.
# Charts are inline SVG elements, so they need no image source; data: is for PDF previews.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every step at INFO; so does Celery for every task, which is
    # noise when tasks run in-process (no broker), but a worker's record when one runs them.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("weasyprint", "fontTools", "pyhanko", *(["celery.app.trace"] if CELERY_TASK_ALWAYS_EAGER else []))
    },
}

# The organisation seal for PDFs (samverkan/seal.py). Without a configured certificate a
# self-signed test CA and seal are created under SEAL_DIR, for development and tests.
SEAL_CERT_FILE = os.environ.get("SEAL_CERT_FILE", "")
SEAL_KEY_FILE = os.environ.get("SEAL_KEY_FILE", "")
SEAL_KEY_PASSPHRASE = os.environ.get("SEAL_KEY_PASSPHRASE", "")
SEAL_CA_CERT_FILE = os.environ.get("SEAL_CA_CERT_FILE", "")
SEAL_DIR = Path(os.environ.get("SEAL_DIR", VAR_DIR / "seal"))
