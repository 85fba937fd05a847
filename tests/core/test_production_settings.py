"""Production configuration: the deploy check is clean, and missing secrets stop the start."""

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "a-test-secret-key-of-reasonable-length-0123456789-ABCDEFGHIJKLMNOP",
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    "DATABASE_URL": "postgres://archive@db.example.org:5432/archive",
    "REDIS_URL": "redis://cache.example.org:6379/0",
}


def run_python(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env.update({k: v for k, v in env_overrides.items() if v is not None})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_reports_nothing_in_production():
    result = run_python(PRODUCTION_ENV, "manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY is not set"),
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS is not set"),
        ("DATABASE_URL", "DATABASE_URL is not set"),
        ("REDIS_URL", "REDIS_URL is not set"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    result = run_python({**PRODUCTION_ENV, missing: None}, "manage.py", "check")
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("unsafe", "message"),
    [
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG is on with DJANGO_ENV=production"),
        ({"DJANGO_SECRET_KEY": "short-but-set"}, "DJANGO_SECRET_KEY is too weak"),
        ({"DJANGO_SECRET_KEY": "x" * 64}, "DJANGO_SECRET_KEY is too weak"),
        (
            {"DJANGO_SECRET_KEY": "django-insecure-" + "k3y" * 20},
            "DJANGO_SECRET_KEY is too weak",
        ),
        (
            {
                "DJANGO_SECRET_KEY": (
                    "development-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
                )
            },
            "DJANGO_SECRET_KEY is too weak",
        ),
        ({"WEB_CONCURRENCY": "4", "REDIS_URL": ""}, "REDIS_URL is not set but 4 worker"),
        ({"GUNICORN_WORKERS": "3", "REDIS_URL": ""}, "REDIS_URL is not set but 3 worker"),
    ],
)
def test_production_refuses_unsafe_settings(unsafe, message):
    result = run_python({**PRODUCTION_ENV, **unsafe}, "manage.py", "check", "--deploy")
    assert result.returncode != 0
    assert message in result.stderr


def test_several_workers_start_with_a_shared_cache():
    env = {**PRODUCTION_ENV, "WEB_CONCURRENCY": "4", "REDIS_URL": "redis://127.0.0.1:6379/15"}
    result = run_python(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def run_gunicorn(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    """A plain `gunicorn config.wsgi` (it reads ./gunicorn.conf.py by itself), left to fail."""
    port = random.randint(20000, 40000)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env = {k: v for k, v in env.items() if k not in ("REDIS_URL", "WEB_CONCURRENCY")}
    env.update({**PRODUCTION_ENV, **env_overrides, "GUNICORN_BIND": f"127.0.0.1:{port}"})
    return subprocess.run(
        [gunicorn, *args, "config.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("unsafe", "args", "message"),
    [
        ({"DJANGO_DEBUG": "1", "GUNICORN_WORKERS": "1"}, (), "DJANGO_DEBUG is on"),
        ({"REDIS_URL": ""}, ("--workers", "2"), "REDIS_URL is not set but 2 worker"),
    ],
)
def test_a_plain_gunicorn_start_refuses_unsafe_settings(unsafe, args, message):
    result = run_gunicorn(unsafe, *args)
    assert result.returncode != 0
    assert message in result.stderr


PROBE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
plain = client.get("/articles/")
healthz = client.get("/healthz")
secure = client.get("/healthz", headers={"x-forwarded-proto": "https"})
print(json.dumps({
    "debug": settings.DEBUG,
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "healthz_status": healthz.status_code,
    "headers": dict(healthz.items()),
    "secure_headers": dict(secure.items()),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


def test_production_headers_and_redirects(db):
    import json

    from django.db import connection

    # The probe's health check reaches this test's database.
    used = connection.settings_dict
    database_url = f"postgres://{used['USER']}@{used['HOST']}:{used['PORT']}/{used['NAME']}"
    env = {**PRODUCTION_ENV, "DATABASE_URL": database_url}
    env["DJANGO_ALLOWED_HOSTS"] = "testserver"
    result = run_python(env, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["debug"] is False
    # Plain HTTP is sent to HTTPS; the health check answers on plain HTTP for load balancers.
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://testserver/articles/"
    assert seen["healthz_status"] == 200
    headers = seen["headers"]
    policy = dict(
        part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == policy["object-src"] == "'none'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert seen["session_secure"] and seen["csrf_secure"]
    # Behind the TLS proxy: HSTS for a year, subdomains included, preload-ready.
    hsts = seen["secure_headers"]["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
