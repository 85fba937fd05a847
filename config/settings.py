"""Settings for the bilateral-relations archive.

One file, driven by the environment. Development needs nothing set: the embedded PostgreSQL
that `make run` and `make test` start in .pgdata/ (scripts/embedded_pg.py), DEBUG on,
local-memory cache. Production sets DJANGO_ENV=production
plus the variables listed in .env.example.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

DEVELOPMENT_SECRET_KEY = "development-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production refuses to start without a secret "
            "key: set DJANGO_SECRET_KEY to a long random string (see .env.example)."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if PRODUCTION and (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: it must be at least 50 characters, "
        "with at least 5 different ones, and not a development or example key. Generate one "
        "with: python -c 'import secrets; print(secrets.token_urlsafe(64))'."
    )

DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is on with DJANGO_ENV=production. Debug pages show settings and source "
        "code to anyone: unset DJANGO_DEBUG (or set it to 0) in production."
    )
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. Production answers only to the host names listed "
        "there (comma-separated), so it refuses to start without them."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The public base URL, used where an absolute address must be built without a request
# (ninjs URIs in exports, feeds written by commands).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where readers write to the editors (the About page and the footer).
CONTACT_EMAIL = os.environ.get("DJANGO_CONTACT_EMAIL", "editors@archive.example.org")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "django_prose_editor",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served as our own static files
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "people",
    "events",
    "articles",
    "seeds",
    "partners",
    "exchange",
    "search",
    "website",
    # Last: its post_migrate handler grants the Editors group the other apps' permissions,
    # which exist only once their own post_migrate has run.
    "core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the path or query: NUL bytes, bad UTF-8, over-long values -> 400.
    "core.input.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Brotli or gzip for what the views answer (not the admin: BREACH); core/compression.py.
    "core.compression.CompressionMiddleware",
    "core.health.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's interface language from the address prefix (/az/, /tr/; none is English),
    # and from nothing else: no Vary: Accept-Language (core/locale.py).
    "core.locale.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, except that a request without a session cookie is anonymous without reading
    # the session, so its answer does not Vary by Cookie (core/sessions.py).
    "core.sessions.CookielessAuthenticationMiddleware",
    # Signs out a session idle too long or signed in too long ago (core/sessions.py).
    "core.sessions.SessionTimeoutMiddleware",
    "core.sessions.AdminNeverCachedMiddleware",
    # Second factor: marks the session's user verified, then holds the admin until it is.
    "django_otp.middleware.OTPMiddleware",
    "core.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.db.PrimaryForEditorsMiddleware",
    "core.cache.PublicPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Standard widgets through Django's Jinja2 templates, the rest as before (core/forms_renderer.py).
FORM_RENDERER = "core.forms_renderer.WidgetRenderer"

# What the frame of a page stored whole (core.fragments) is rendered with besides the
# templates: a change to one of these modules renders the stored pages again.
STORED_PAGE_CODE = (
    "core.fragments",
    "core.pagemeta",
    "website.seo",
    "website.templatetags.seo",
    "website.templatetags.site_nav",
)

WSGI_APPLICATION = "config.wsgi.application"


def embedded_database_url() -> str:
    """The development server scripts/embedded_pg.py runs, on the port it wrote down."""
    port_file = BASE_DIR / ".pgdata" / "port"
    port = port_file.read_text().strip() if port_file.exists() else "54329"
    return f"postgres://postgres@127.0.0.1:{port}/archive"


DATABASES = {
    "default": dj_database_url.config(
        default=embedded_database_url(),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# Public reads go to a read replica when one is configured (see core/db.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Under test the replica is the primary's test database, as it would be after replication.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]
if PRODUCTION and not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Production refuses to fall back to the development "
        "database: set "
        "DATABASE_URL=postgres://user:password@host:5432/name (see .env.example)."
    )
for _database in DATABASES.values():
    # Fail fast while the database is away (the reader gets the 503 page) instead of
    # holding a worker for the operating system's long TCP timeout.
    _database.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses logins from a client locked out after repeated failures (django-axes).
    "core.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Editors sign in through the admin and land on its index; an unsafe ?next= (another site)
# falls back here too, never to Django's /accounts/profile/ (no such page).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Two-factor sign-in (core/twofactor.py): superusers and editors must give a code from an
# authenticator app (or a recovery code) after the password. On in production.
TWO_FACTOR_REQUIRED = env_bool("DJANGO_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "Bilateral Relations Archive"
# Nobody, a superuser included, reads another person's secret from the admin: a lost device is
# deleted there and its owner enrols again.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # OWASP ASVS 2.1.1: at least 12 characters.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The public site's interface languages (README, "Languages"): English at the unprefixed
# addresses, Azerbaijani under /az/ and Turkish under /tr/. Content stays as written.
LANGUAGES = [
    ("en-gb", "English"),
    ("az", "Azərbaycanca"),
    ("tr", "Türkçe"),
]
# The project's catalogues first (makemessages writes there); then the Azerbaijani country
# names that django-countries lacks (scripts/country_names.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "config" / "countries_locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production; plain storage under DEBUG so that
        # tests and development need no collectstatic.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "archive",
            # Redis down: every cache read misses and every write is dropped (logged), so the
            # site keeps answering from the database instead of failing; short timeouts keep
            # a dead Redis from holding each request.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _worker_count() -> int:
    """App processes configured: WEB_CONCURRENCY (gunicorn.conf.py sets it to its worker count)."""
    for name in ("WEB_CONCURRENCY", "GUNICORN_WORKERS"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return int(value)
            except ValueError:
                raise ImproperlyConfigured(
                    f"{name} must be a whole number, not {value!r}."
                ) from None
    return 1


# Several processes each with its own local-memory cache would each serve their own idea of
# the content version, the rate limits and the cached pages: production needs a shared one.
WORKERS = _worker_count()
if PRODUCTION and WORKERS > 1 and not REDIS_URL:
    raise ImproperlyConfigured(
        f"REDIS_URL is not set but {WORKERS} worker processes are configured (WEB_CONCURRENCY "
        "or GUNICORN_WORKERS). Each would keep its own cache: set REDIS_URL to a shared Redis "
        "(redis://host:6379/0), or run one worker."
    )
# Even one worker: partners' rate limits are counted in Redis across machines.
if PRODUCTION and not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL is not set. Production needs Redis: partners' rate limits are counted "
        "there, across every worker and machine (redis://host:6379/0, see .env.example)."
    )

# Sessions in the database, which every app process shares, so any process can serve any
# request; read through the cache only when that cache is shared too (a process-local cache
# would keep serving a session another process has since logged out).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Anonymous public pages are cached this long at most; any editorial save invalidates them.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "300"))
# The last good copy of each public page is kept this long, served (marked stale) only while
# the database is unreachable.
PUBLIC_PAGE_STALE_SECONDS = int(os.environ.get("DJANGO_PAGE_STALE_SECONDS", "86400"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["partners.authentication.PartnerKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["partners.permissions.IsPartner"],
    "DEFAULT_THROTTLE_CLASSES": ["partners.throttling.PartnerRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["partners.renderers.OrjsonRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "EXCEPTION_HANDLER": "partners.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
# The partner API's page size (default and cap).
API_PAGE_SIZE = int(os.environ.get("DJANGO_API_PAGE_SIZE", "50"))
API_MAX_PAGE_SIZE = int(os.environ.get("DJANGO_API_MAX_PAGE_SIZE", "500"))
# How many ids one ?ids= batch read may name.
API_MAX_BATCH_IDS = int(os.environ.get("DJANGO_API_MAX_BATCH_IDS", "100"))
# API responses are cached per URL under the content version (partners/caching.py); 0: off.
API_CACHE_SECONDS = int(os.environ.get("DJANGO_API_CACHE_SECONDS", "300"))

# Background jobs (django-tasks, database backend): scheduled publication and the re-rendering
# of documents after a change with a large fan-out. `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `make run` starts the worker beside the server; production runs it as its own process.

API_DESCRIPTION = """Read-only access to the published archive for partners: articles as IPTC
ninjs 2.2, and the officials, organisations, meetings and topics they report on.

**Authentication**: `Authorization: Bearer bra_…` (ask the desk for a key).

**Keeping a copy in sync**

1. Full read: `GET /api/v1/articles/`, then follow `next` until it is null. Keep the last
   page's `until`.
2. Every few minutes: `GET /api/v1/articles/?updated_since=<until>`, follow `next`, keep the
   new `until`. Each changed item comes once, at its newest version; an item withdrawn or
   deleted comes as a tombstone (`pubstatus: canceled`): delete your copy.
3. Send `If-None-Match` with the ETag you got: an unchanged answer is a bodyless 304.
4. Read several items at once with `?ids=1,2,3` (up to 100).

A detail of an item withdrawn or deleted answers 410 with its tombstone; an id never
published answers 404. Every answer says your rate limit (`RateLimit-Limit`,
`RateLimit-Remaining`, `RateLimit-Reset`); over it, 429 with `Retry-After`. Errors are JSON:
`{"error": {"status", "code", "message", "fields"}}`, `fields` naming each bad parameter.
Answers are compressed (brotli or gzip) when you send `Accept-Encoding`.
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Bilateral Relations Archive API",
    "DESCRIPTION": API_DESCRIPTION,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "OAS_VERSION": "3.1.0",
}

COUNTRIES_FIRST = ["AZ", "TR"]

# Security -------------------------------------------------------------------------------------
# Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto; the app then
# redirects plain HTTP to HTTPS (except /healthz, which load balancers probe over HTTP).
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", PRODUCTION)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
# An editor's session ends after a working day however busy (OWASP ASVS 3.3, NIST AAL2:
# 12 hours), and after half an hour without a request (core/sessions.py).
SESSION_MAX_AGE_SECONDS = int(os.environ.get("DJANGO_SESSION_MAX_AGE_MINUTES", "720")) * 60
SESSION_IDLE_SECONDS = int(os.environ.get("DJANGO_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = SESSION_MAX_AGE_SECONDS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): scripts and styles from our own origin only, no
# inline code; JSON-LD blocks are data, not scripts, and need no exception. Under DEBUG the
# policy is report-only so that Django's own debug pages (inline styles) stay readable.
CSP_POLICY = {
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
if DEBUG:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = CSP_POLICY
else:
    CONTENT_SECURITY_POLICY = CSP_POLICY

# Admin login throttling (django-axes): after this many failures for one username from one
# address, that pair is refused for the cool-off time, right password or not. A pair, so that
# an attacker guessing from one address locks out neither the desk's other addresses (an
# office behind one proxy) nor the account itself from elsewhere; a superuser lifts a lockout
# from the admin (Axes > Access attempts, "Lift the lockout").
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "login_locked.html"
# The client's address: from X-Forwarded-For as written by the outermost of PROXY_COUNT
# trusted proxies, else the socket's own (core/clientip.py); a header the client sets itself
# must not let it dodge the lockout or pin it on someone else.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# A job still waiting this long after its time counts as overdue (admin warning, /healthz).
TASKS_OVERDUE_SECONDS = int(os.environ.get("DJANGO_TASKS_OVERDUE_SECONDS", "120"))
# On: plain editors submit for review and the Senior editors group publishes. Off (the
# default): anyone who may edit an article or meeting may publish it, for a one-person desk.
EDITORIAL_REVIEW_REQUIRED = env_bool("DJANGO_EDITORIAL_REVIEW_REQUIRED", False)
