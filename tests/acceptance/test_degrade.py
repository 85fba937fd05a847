"""Degrade, don't fail: with the database down cached pages stay readable; with Redis down, all."""

import json
import logging
import socket
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client, override_settings

from core.cache import bump_content_version
from events.models import Topic
from partners.models import Partner, api_key_create
from tests.core.test_production_settings import run_python


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


def database_down():
    return mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("could not connect")
    )


def test_a_cached_page_is_served_stale_while_the_database_is_down(seeded, reader):
    fresh = reader.get("/articles/")
    assert fresh.status_code == 200 and fresh["X-Cache"] == "miss"
    bump_content_version()  # a publication since: the cached copy is no longer current

    with database_down():
        stale = reader.get("/articles/")
        never_cached = reader.get("/meetings/")
    assert stale.status_code == 200
    assert stale["X-Cache-Stale"] == "1"
    assert stale["Warning"].startswith("110")
    assert stale.content == fresh.content
    assert never_cached.status_code == 503
    assert "X-Cache-Stale" not in never_cached

    # Back: the page is rebuilt, fresh, without the stale marks.
    again = reader.get("/articles/")
    assert again.status_code == 200 and "X-Cache-Stale" not in again


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PROJECT_REDIS_SETTINGS = """
import django, json
django.setup()
from django.conf import settings
print(json.dumps([settings.CACHES, settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS]))
"""


def dead_redis():
    """The project's own cache settings for REDIS_URL, pointed at a port nobody listens on."""
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    env = {"REDIS_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = run_python(env, "-c", PROJECT_REDIS_SETTINGS)
    assert result.returncode == 0, result.stderr
    caches, log_ignored = json.loads(result.stdout.strip().splitlines()[-1])
    assert caches["default"]["LOCATION"] == url
    return override_settings(CACHES=caches, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=log_ignored)


def test_with_redis_down_pages_the_api_and_the_admin_work(
    seeded, reader, django_app, django_user_model, caplog
):
    partner = Partner.objects.create(name="Wire", requests_per_minute=1000)
    _, raw_key = api_key_create(partner=partner, label="degrade")
    editor = django_user_model.objects.create_superuser("chief", "", "a-long-test-password-2")
    with dead_redis(), caplog.at_level(logging.ERROR, logger="django_redis.cache"):
        assert reader.get("/articles/").status_code == 200
        assert reader.get("/").status_code == 200
        api = reader.get("/api/v1/articles/", headers={"Authorization": f"Bearer {raw_key}"})
        assert api.status_code == 200 and api.json()["results"]

        page = django_app.get("/admin/events/topic/add/", user=editor)
        form = page.forms["topic_form"]
        form["name"] = "Written while Redis was down"
        form["slug"] = "written-while-redis-was-down"
        assert form.submit().status_code == 302
    assert Topic.objects.filter(slug="written-while-redis-was-down").exists()
    assert any("Redis" in r.getMessage() or r.exc_info for r in caplog.records)
