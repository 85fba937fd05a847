"""Public reads go to the replica when one is configured; editors and writes use the primary."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.models import Session
from django.db import router
from django.test import RequestFactory, override_settings

from articles.models import Article
from core.db import PrimaryForEditorsMiddleware, use_primary


@pytest.fixture
def with_replica(settings):
    databases = dict(settings.DATABASES)
    databases["replica"] = dict(databases["default"])
    with override_settings(DATABASES=databases):
        yield


def test_without_a_replica_everything_reads_the_primary():
    assert router.db_for_read(Article) == "default"


def test_public_reads_go_to_the_replica(with_replica):
    assert router.db_for_read(Article) == "replica"
    assert router.db_for_write(Article) == "default"


def test_sessions_and_users_always_read_the_primary(with_replica):
    assert router.db_for_read(Session) == "default"
    assert router.db_for_read(User) == "default"


def test_use_primary_pins_reads(with_replica):
    with use_primary():
        assert router.db_for_read(Article) == "default"
    assert router.db_for_read(Article) == "replica"


@pytest.mark.parametrize(
    "method, path, authenticated, expected",
    [
        ("get", "/articles/", False, "replica"),
        ("get", "/admin/articles/article/", False, "default"),
        ("post", "/articles/", False, "default"),
        ("get", "/articles/", True, "default"),
    ],
)
def test_middleware_routes_by_request(with_replica, method, path, authenticated, expected):
    seen = []

    def view(request):
        seen.append(router.db_for_read(Article))
        return None

    request = getattr(RequestFactory(), method)(path)
    request.user = User(username="e") if authenticated else AnonymousUser()
    PrimaryForEditorsMiddleware(view)(request)
    assert seen == [expected]


def test_migrations_run_on_the_primary_only(with_replica):
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")
