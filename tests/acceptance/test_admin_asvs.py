"""The admin against the cheap checks of OWASP ASVS level 2 (sessions, passwords, second
factor, headers, caching, user enumeration), through the rendered login and admin pages.

Timeouts are tested by moving the clock the session check reads, never by waiting.
"""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_webtest import DjangoTestApp

from core.editors import EDITORS_GROUP, ensure_editors_group
from tests.core.test_production_settings import PRODUCTION_ENV, run_python
from tests.core.test_twofactor import enrol, sign_in_with_password

PASSWORD = "a-long-test-password-1"
ADDRESS = "203.0.113.7"


@pytest.fixture
def desk(db, django_user_model):
    ensure_editors_group()
    user = django_user_model.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def browser() -> DjangoTestApp:
    return DjangoTestApp(extra_environ={"REMOTE_ADDR": ADDRESS})


def log_in(app, username="desk", password=PASSWORD):
    form = app.get("/admin/login/?next=/admin/").forms["login-form"]
    form["username"], form["password"] = username, password
    return form.submit(status="*")


def session_id(app) -> str | None:
    return app.cookies.get(settings.SESSION_COOKIE_NAME)


def at(moment):
    """Requests made inside see `moment` as the present (the session check's clock)."""
    return mock.patch("core.sessions.timezone.now", return_value=moment)


# Sessions -----------------------------------------------------------------------------------


def test_signing_in_gives_a_new_session_id(desk):
    app = browser()
    planted = SessionStore()
    planted["planted"] = True
    planted.create()  # a session id an attacker could have fixed in the victim's browser
    app.set_cookie(settings.SESSION_COOKIE_NAME, planted.session_key)
    assert log_in(app).status_code == 302
    assert session_id(app) not in (None, planted.session_key)
    assert app.get("/admin/").status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_the_second_factor_gives_a_new_session_id_again(desk):
    app = browser()
    sign_in_with_password(app)
    after_password = session_id(app)
    enrol(app)
    assert session_id(app) != after_password
    assert app.get("/admin/").status_code == 200


def test_an_idle_session_is_signed_out(desk):
    start = timezone.now()
    app = browser()
    with at(start):
        assert log_in(app).status_code == 302
    with at(start + timedelta(seconds=settings.SESSION_IDLE_SECONDS - 60)):
        assert app.get("/admin/").status_code == 200
    with at(start + timedelta(seconds=2 * settings.SESSION_IDLE_SECONDS)):
        response = app.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_busy_session_still_ends_after_its_lifetime(desk):
    start = timezone.now()
    app = browser()
    with at(start):
        log_in(app)
    step = timedelta(seconds=settings.SESSION_IDLE_SECONDS * 2 // 3)
    now = start
    while now + step < start + timedelta(seconds=settings.SESSION_MAX_AGE_SECONDS):
        now += step
        with at(now):
            assert app.get("/admin/").status_code == 200, now - start  # never idle long
    with at(start + timedelta(seconds=settings.SESSION_MAX_AGE_SECONDS + 60)):
        response = app.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    with at(start + timedelta(seconds=settings.SESSION_MAX_AGE_SECONDS + 120)):
        assert log_in(app).status_code == 302  # signing in again starts a new lifetime
        assert app.get("/admin/").status_code == 200


def test_session_limits_are_those_of_asvs_level_2():
    assert settings.SESSION_IDLE_SECONDS <= 30 * 60
    assert settings.SESSION_MAX_AGE_SECONDS <= 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY


# Passwords and the second factor -----------------------------------------------------------


def test_a_password_shorter_than_twelve_characters_is_refused(desk):
    app = browser()
    log_in(app)
    form = app.get("/admin/password_change/").forms[1]
    form["old_password"] = PASSWORD
    form["new_password1"] = form["new_password2"] = "Tq7#kZ2!xLp"  # 11 characters
    page = form.submit()
    assert page.status_code == 200
    assert "at least 12 characters" in page.text
    form = page.forms[1]
    form["old_password"] = PASSWORD
    form["new_password1"] = form["new_password2"] = "Tq7#kZ2!xLpw"  # 12
    assert form.submit().status_code == 302


@override_settings(PRODUCTION=True, TWO_FACTOR_REQUIRED=False)
def test_in_production_a_superuser_enrols_a_second_factor_whatever_the_setting(
    db, django_user_model, desk
):
    django_user_model.objects.create_superuser("chief", "", PASSWORD)
    app = browser()
    assert log_in(app, "chief").status_code == 302
    assert app.get("/admin/")["Location"].startswith("/admin/2fa/setup/")
    # The setting still decides for editors.
    editor = browser()
    log_in(editor)
    assert editor.get("/admin/").status_code == 200


# No user enumeration ------------------------------------------------------------------------


def error_text(response) -> str:
    return " ".join(response.html.select_one(".errornote").get_text().split())


def test_the_login_error_is_the_same_whoever_the_username_is(desk, django_user_model):
    django_user_model.objects.create_user("reader", password=PASSWORD)  # not staff
    django_user_model.objects.create_user("gone", password=PASSWORD, is_staff=True, is_active=False)
    errors = {
        case: error_text(log_in(browser(), username, password))
        for case, (username, password) in {
            "unknown": ("nobody", PASSWORD),
            "wrong password": ("desk", "not-the-password"),
            "not staff": ("reader", PASSWORD),
            "inactive": ("gone", PASSWORD),
        }.items()
    }
    assert len(set(errors.values())) == 1, errors


def test_the_lockout_is_the_same_for_known_and_unknown_usernames(desk):
    pages = {}
    for username in ("desk", "nobody"):
        app = browser()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(app, username, "wrong")
        locked = log_in(app, username, "wrong")
        # A locked pair is refused before any password is checked, known account or not, so
        # the answer cannot tell them apart by its content or by the work behind it.
        with mock.patch("django.contrib.auth.hashers.check_password") as checked:
            again = log_in(app, username, PASSWORD)
        assert not checked.called
        pages[username] = (locked.status_code, again.status_code, again.text)
    assert pages["desk"] == pages["nobody"]
    assert pages["desk"][:2] == (429, 429)


def test_an_unknown_username_costs_a_password_hash_too(production_hasher, desk):
    # Django hashes the given password for an unknown username as well, so that the time
    # taken does not tell whether the account exists; checked here by counting, not timing.
    from django.contrib.auth import hashers

    calls = {}
    for username in ("desk", "nobody"):
        with mock.patch.object(hashers, "pbkdf2", side_effect=hashers.pbkdf2) as derived:
            log_in(browser(), username, "wrong-password")
        calls[username] = derived.call_count
    assert calls["desk"] == calls["nobody"] == 1


# Headers and caching ------------------------------------------------------------------------


def admin_pages() -> list[str]:
    """Every model's list and add page in the admin registry."""
    urls = []
    for model in admin.site._registry:
        for view in ("changelist", "add"):
            try:
                urls.append(
                    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")
                )
            except NoReverseMatch:
                pass
    return sorted(urls)


def test_every_admin_page_a_superuser_opens_is_never_stored(superuser):
    app = browser()
    log_in(app, "chief", "a-long-test-password-2")
    urls = ["/admin/", "/admin/password_change/", "/admin/2fa/setup/", *admin_pages()]
    stored = {}
    for url in urls:
        response = app.get(url, expect_errors=True)
        if response.status_code in (200, 302):
            cache_control = response.headers.get("Cache-Control", "")
            if "no-store" not in cache_control or "private" not in cache_control:
                stored[url] = cache_control
    assert len(urls) > 40
    assert not stored


HEADERS_PROBE = """
import django, json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()

client = Client(
    headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"},
    REMOTE_ADDR="10.0.0.2",
)
seen = {}
def get(url):
    response = client.get(url, secure=True)
    seen[url] = {"status": response.status_code, **{k: v for k, v in response.headers.items()}}
get("/admin/login/")
response = client.post(
    "/admin/login/?next=/admin/",
    {"username": "desk", "password": sys.argv[1]},
    secure=True,
)
seen["login"] = {"status": response.status_code, "cookie": response.cookies["sessionid"].output()}
for url in ("/admin/", "/admin/articles/article/", "/admin/articles/article/add/",
            "/admin/core/auditevent/", "/admin/2fa/setup/"):
    get(url)
print(json.dumps(seen))
"""


def test_admin_pages_carry_the_security_headers_in_production(
    transactional_db, production_hasher, desk
):
    used = connection.settings_dict
    env = {
        **PRODUCTION_ENV,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://{used['USER']}@{used['HOST']}:{used['PORT']}/{used['NAME']}",
        "DJANGO_PROXY_COUNT": "1",
        "DJANGO_REQUIRE_2FA": "0",  # the desk signs in with its password here
    }
    result = run_python(env, "-c", HEADERS_PROBE, PASSWORD)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    cookie = seen.pop("login")
    assert cookie["status"] == 302
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in cookie["cookie"], cookie
    for url, headers in seen.items():
        assert headers["status"] == 200, url
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000"), url
        assert "default-src 'self'" in headers["Content-Security-Policy"], url
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], url
        assert headers["X-Frame-Options"] == "DENY", url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "no-store" in headers["Cache-Control"], url
