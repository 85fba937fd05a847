"""The input guard (core.input): impossible paths and query strings are a 400 naming the part."""

import pytest
from django.test import Client

from core.input import MAX_QUERY_VALUE_LENGTH, MAX_SEGMENT_LENGTH


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/articles/%00/", "path"),
        ("/api/v1/articles/?country=%00", "country"),
        ("/api/v1/articles/?q=%FF%FE", "q"),
        ("/api/v1/meetings/?pair=" + "a" * (MAX_QUERY_VALUE_LENGTH + 1), "pair"),
        ("/api/v1/topics/" + "t" * (MAX_SEGMENT_LENGTH + 1) + "/", "path"),
    ],
)
def test_api_answers_400_in_json_naming_the_parameter(reader, db, url, parameter):
    response = reader.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 400
    assert list(error["fields"]) == [parameter]
    assert parameter in error["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/articles/%00/",
        "/articles/?q=a%00b",
        "/art%FFicles/",
        "/search/?q=%C3%28",
        "/admin/articles/article/?country=%00",
        "/admin/autocomplete/?term=%00",
        "/admin/articles/article/%00/history/",
        "/relations/?" + "x" * (MAX_QUERY_VALUE_LENGTH + 1) + "=1",
    ],
)
def test_pages_and_admin_answer_a_plain_400_page(reader, db, url):
    response = reader.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>Bad request</h1>" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_the_400_page_names_the_parameter_escaped(reader, db):
    response = reader.get("/articles/?%3Cb%3E=%00")
    body = response.content.decode()
    assert response.status_code == 400
    assert "<code>&lt;b&gt;</code>" in body and "<b>" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=G%C3%BCler",  # UTF-8 that decodes
        "/search/?q=" + "a" * MAX_QUERY_VALUE_LENGTH,  # long, but within the limit
        "/search/?q=100%25",  # a literal percent sign
        "/articles/?q=line%0Abreak",  # a control character other than NUL in a query value
    ],
)
def test_ordinary_input_passes_the_guard(reader, seeded, url):
    assert reader.get(url).status_code in (200, 400)
    # A form error is the page itself with the field's message, never the guard's page.
    assert "<h1>Bad request</h1>" not in reader.get(url).content.decode()


def test_an_existing_admin_history_page_with_a_bad_id_is_not_an_error(db, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", "", "a-long-test-password-2")
    client = Client(raise_request_exception=False)
    client.force_login(chief)
    for url in (
        "/admin/articles/article/abc/history/",
        "/admin/events/meeting/abc/history/1/",
        "/admin/events/meeting/1/history/abc/",
        "/admin/auth/group/1/change/?_to_field=",
        "/admin/auth/group/1/delete/?_to_field=",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
