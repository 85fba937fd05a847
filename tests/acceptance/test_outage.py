"""Error pages and database outages: friendly pages, 503 with Retry-After, no stack traces."""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

FAULTY = pytest.mark.urls("tests.acceptance.faulty_urls")


@pytest.fixture
def reader():
    # Server errors are rendered as a reader would get them, not re-raised into the test.
    return Client(raise_request_exception=False)


def test_unknown_address_gets_the_friendly_404(db, reader):
    response = reader.get("/no-such-page-here/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'href="/search/"' in page
    assert "Traceback" not in page


@FAULTY
def test_a_crash_gets_the_friendly_500_without_details(db, reader):
    response = reader.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert "secret detail" not in page
    assert "Traceback" not in page and "RuntimeError" not in page


@FAULTY
def test_a_lost_database_in_a_view_is_a_503_with_retry_after(db, reader):
    response = reader.get("/database-gone/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "briefly unavailable" in page
    assert "5432" not in page and "OperationalError" not in page


@FAULTY
def test_api_clients_get_the_503_as_json(db, reader):
    response = reader.get("/api/database-gone/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "retry" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


@FAULTY
def test_a_lost_database_before_the_view_is_a_503_too(db, reader, django_user_model):
    """The session and user are read in middleware, outside any view."""
    user = django_user_model.objects.create_user(username="desk", password="x-long-pass-123")
    reader.force_login(user)
    with mock.patch(
        "django.contrib.auth.get_user", side_effect=OperationalError("server closed connection")
    ):
        response = reader.get("/articles/")
    assert response.status_code == 503
    assert "briefly unavailable" in response.content.decode()


def test_healthz_is_200_when_the_database_answers(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "tasks": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not(db, client):
    connection = connections["default"]
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("could not connect to server")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert int(response["Retry-After"]) > 0


def test_healthz_is_never_served_from_the_page_cache(db, client):
    assert client.get("/healthz").status_code == 200
    connection = connections["default"]
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("gone")):
        assert client.get("/healthz").status_code == 503
    assert "X-Cache" not in client.get("/healthz")
