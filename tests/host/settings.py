"""Settings of a small host that behaves like an openIMIS instance (core, location, this module).

SQLite by default; PostgreSQL with DB_ENGINE=postgresql and the openIMIS DB_* variables.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

# Mutations run inline unless the environment asks for Celery: core sends them to a worker when ASYNC is PROD or,
# without ASYNC, when MODE is PROD (it reads this at import time). `make test-async` runs with MODE=PROD.
if os.environ.get("MODE") != "PROD":
    os.environ.setdefault("ASYNC", "False")

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("SECRET_KEY", "meeting-host-not-a-secret")
DEBUG = os.environ.get("DEBUG", "false").lower() == "true"
ALLOWED_HOSTS = ["*"]

# openIMIS instances run MODE=DEV or PROD; core skips its session CSRF check only for lower-case "dev".
MODE = os.environ.get("MODE", "DEV")
# As the assembly's settings (`'test' in sys.argv`, for `manage.py test`), and under pytest.
_TESTS_RUNNING = "pytest" in sys.modules or "test" in sys.argv
IS_TESTING = os.environ.get("IS_TESTING", "true" if _TESTS_RUNNING else "false").lower() == "true"
MSSQL = False
ROW_SECURITY = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "graphene_django",
    "rest_framework",
    "axes",
    "django_apscheduler",
    "core",
    "location",
    "medical",
    "medical_pricelist",
    "openimis_be_meeting",
    "host",
]
# Core's legacy tables (tblUsers, tblLocations, ...) come from SQL scripts in a real instance; here they are
# built from the models. Only this module keeps its real migrations.
MIGRATION_MODULES = {
    app: None
    for app in (
        "auth",
        "contenttypes",
        "sessions",
        "admin",
        "axes",
        "django_apscheduler",
        "core",
        "location",
        "medical",
        "medical_pricelist",
    )
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.DefaultAxesAttributesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

AUTH_USER_MODEL = "core.User"
# A request carrying a JWT is authenticated by its token before axes looks at it (no lockout query per request);
# a password is checked by axes (and core's tokenAuth checks the lockout itself) before ModelBackend.
AUTHENTICATION_BACKENDS = [
    "graphql_jwt.backends.JSONWebTokenBackend",
    "host.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout as an instance runs it: 5 wrong passwords for a user name lock it for 5 minutes.
AXES_ENABLED = os.environ.get("AXES_ENABLED", "true").lower() == "true"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_LOCKOUT_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_COOLOFF_TIME", 5)))

ROOT_URLCONF = "host.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]


def _database():
    if os.environ.get("DB_ENGINE", "sqlite").lower() in ("postgresql", "django.db.backends.postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": os.environ.get("DB_HOST", "127.0.0.1"),
            "PORT": os.environ.get("DB_PORT", "5432"),
            "NAME": os.environ.get("DB_NAME", "meeting"),
            "USER": os.environ.get("DB_USER", "postgres"),
            "PASSWORD": os.environ.get("DB_PASSWORD", ""),
            "TEST": {"NAME": os.environ.get("DB_TEST_NAME", "test_" + os.environ.get("DB_NAME", "meeting"))},
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DB_NAME", str(BASE_DIR.parent.parent / "demo.sqlite3")),
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "location": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "location"},
}
CACHE_OBJECT_DEFAULT = False
CACHE_OBJECT_TTL = 60

# As openIMIS instances: naive datetimes stored in UTC.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = False

STATIC_URL = "/static/"
# The demo GraphiQL page's scripts and styles, installed from the npm registry (tests/host/package.json, `make demo`)
# and served by the instance itself under /static/vendor/, so the page needs no internet.
STATICFILES_DIRS = [("vendor", BASE_DIR / "node_modules")]

# Celery over RabbitMQ, as production openIMIS runs mutations (used only when mutations are asynchronous).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "openimis")
CELERY_TASK_IGNORE_RESULT = True
# A message is acknowledged only once its task has finished: a worker that dies mid-way hands it back to the broker,
# and the module's mutations recognise a redelivered message whose change was already committed (README, running it
# in production).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True


# Mail (docs/mail.md): an SMTP server when EMAIL_HOST is set in the environment, otherwise files in a folder (the
# demo prints where). DEFAULT_FROM_EMAIL's domain is also the domain of every Message-ID.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_TIMEOUT = 30
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ.get("MEETING_MAIL_DIR", str(BASE_DIR.parent.parent / "demo-mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "meetings@openimis.example")


def SITE_ROOT():  # noqa: N802 - the name core imports
    return "api/"


GRAPHENE = {
    "SCHEMA": "host.schema.schema",
    "RELAY_CONNECTION_MAX_LIMIT": 100,
    "MIDDLEWARE": ["graphql_jwt.middleware.JSONWebTokenMiddleware"],
}
GRAPHQL_JWT = {
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_EXPIRATION_DELTA": timedelta(days=1),
    "JWT_REFRESH_EXPIRATION_DELTA": timedelta(days=30),
    "JWT_AUTH_HEADER_PREFIX": "Bearer",
    "JWT_ENCODE_HANDLER": "core.jwt.jwt_encode_user_key",
    "JWT_DECODE_HANDLER": "core.jwt.jwt_decode_user_key",
    "JWT_ALLOW_ANY_CLASSES": [
        "graphql_jwt.mutations.ObtainJSONWebToken",
        "graphql_jwt.mutations.Verify",
        "graphql_jwt.mutations.Refresh",
        "graphql_jwt.mutations.Revoke",
    ],
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.jwt_authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
}
RATELIMIT_GROUP = "graphql"
RATELIMIT_KEY = "ip"
RATELIMIT_RATE = "150/m"

PASSWORD_MIN_LENGTH = 8
PASSWORD_UPPERCASE = 0
PASSWORD_LOWERCASE = 0
PASSWORD_DIGITS = 0
PASSWORD_SYMBOLS = 0

SCHEDULER_AUTOSTART = False
SCHEDULER_CONFIG = {}
SESSION_COOKIE_NAME = "openimis_session"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"openIMIS": {"level": "CRITICAL"}, "core": {"level": "CRITICAL"}},
}
