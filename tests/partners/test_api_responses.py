import pytest

from articles.models import Article
from tests.articles.factories import ArticleFactory

ENDPOINTS = [
    "articles",
    "officials",
    "organisations",
    "positions",
    "meetings",
    "delegations",
    "outcomes",
    "exhibitions",
    "topics",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_lists_and_details_with_etag_and_304(seeded, api, endpoint):
    listing = api.get(f"/api/v1/{endpoint}/")
    assert listing.status_code == 200
    assert listing["ETag"] and listing["Last-Modified"]
    assert api.get(f"/api/v1/{endpoint}/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304
    first = listing.json()["results"][0]
    ref = first["id"] if "id" in first else first["altids"][0]["value"]
    detail = api.get(f"/api/v1/{endpoint}/{ref}/")
    assert detail.status_code == 200
    assert detail.json() == first
    not_modified = api.get(f"/api/v1/{endpoint}/{ref}/", HTTP_IF_NONE_MATCH=detail["ETag"])
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == detail["ETag"]


def test_a_changed_item_gets_a_new_etag(seeded, api):
    first = api.get("/api/v1/officials/zakir-hasanov/")
    from people.models import Person
    from people.services import person_save

    person = Person.objects.get(slug="zakir-hasanov")
    person.honorific = "General"
    person_save(person=person)
    second = api.get("/api/v1/officials/zakir-hasanov/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["honorific"] == "General"


def test_a_list_gets_a_new_etag_when_a_document_on_it_or_its_next_link_changes(db, api):
    from articles.services import article_delete, article_save

    first, second = ArticleFactory(published=True), ArticleFactory(published=True)
    url = "/api/v1/articles/?page_size=1"
    before = api.get(url)
    assert api.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304

    first.headline = "Corrected headline"
    article_save(article=first)
    edited = api.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert edited.status_code == 200
    assert edited.json()["results"][0]["headlines"][0]["value"] == "Corrected headline"

    article_delete(article=second)  # the page's document is unchanged; its `next` is gone
    last = api.get(url, HTTP_IF_NONE_MATCH=edited["ETag"])
    assert last.status_code == 200
    assert last.json()["next"] is None


@pytest.mark.parametrize(
    ("accept", "status"),
    [("*/*", 200), ("application/json", 200), ("text/html", 406), ("application/xml", 406)],
)
def test_json_is_the_only_representation(db, api, accept, status):
    ArticleFactory(published=True)
    response = api.get("/api/v1/articles/", HTTP_ACCEPT=accept)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert api.get("/api/v1/articles/?format=xml").status_code == 404


def test_detail_by_slug_and_by_id_agree(seeded, api):
    by_slug = api.get("/api/v1/meetings/hasanov-guler-talks-adex-2024/").json()
    assert api.get(f"/api/v1/meetings/{by_slug['id']}/").json() == by_slug
    assert by_slug["cameo_code"] == "046"
    assert by_slug["date_precision"] == "inferred"
    assert by_slug["uri"].endswith(f"/api/v1/meetings/{by_slug['id']}/")


def test_drafts_are_absent_from_every_endpoint(seeded, api):
    from people.models import Person

    draft = ArticleFactory(
        published=False,
        headline="Unpublished scoop about talks",
        people=[Person.objects.get(slug="zakir-hasanov")],
    )
    for endpoint in ENDPOINTS:
        for params in ("", "?updated_since=2000-01-01T00:00:00Z"):
            body = api.get(f"/api/v1/{endpoint}/{params}").content
            assert b"Unpublished scoop" not in body
            assert draft.slug.encode() not in body
    assert api.get(f"/api/v1/articles/{draft.pk}/").status_code == 404
    assert api.get(f"/api/v1/articles/{draft.slug}/").status_code == 404
    assert b"Unpublished scoop" not in api.get("/api/schema/").content


def test_a_scheduled_article_is_absent_until_its_time(db, api):
    from datetime import timedelta

    from django.utils import timezone

    ArticleFactory(
        published=True, published_at=timezone.now() + timedelta(hours=1), headline="Tomorrow's news"
    )
    body = api.get("/api/v1/articles/?updated_since=2000-01-01").content
    assert b"Tomorrow" not in body
    assert api.get("/api/v1/articles/").json()["results"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2024-13-45T00:00:00Z", "updated_since"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=WyJ4IiwxLCJ5Il0", "cursor"),
        ("cursor=", "cursor"),
        ("updated_since=", "updated_since"),
        ("updated_since=2024-02-30", "updated_since"),
        ("page_size=", "page_size"),
        ("page_size=1&page_size=2", "page_size"),
        ("page_size=100000", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
        ("colour=blue", "colour"),
    ],
)
def test_bad_input_is_400_naming_the_field(db, api, query, field):
    response = api.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]


def test_unknown_id_or_slug_is_404_json(db, api):
    for path in ("articles/999999", "officials/nobody", "positions/not-a-number"):
        response = api.get(f"/api/v1/{path}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_page_size_has_a_default_and_a_cap(db, api, settings):
    settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE = 3, 4
    for _ in range(5):
        ArticleFactory(published=True)
    assert len(api.get("/api/v1/articles/").json()["results"]) == 3
    assert len(api.get("/api/v1/articles/?page_size=4").json()["results"]) == 4
    assert api.get("/api/v1/articles/?page_size=5").status_code == 400
    assert Article.objects.count() == 5


def test_a_page_with_more_links_to_the_next_in_body_and_header(db, api):
    for _ in range(3):
        ArticleFactory(published=True)
    for attempt in ("miss", "hit"):
        response = api.get("/api/v1/articles/?page_size=2")
        assert response["X-Cache"] == attempt
        next_url = response.json()["next"]
        assert next_url.startswith("http://testserver/api/v1/articles/?")
        assert response["Link"] == f'<{next_url}>; rel="next"'
    last = api.get(next_url)
    assert last.json()["next"] is None
    assert "Link" not in last


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing/", "/api/v2/articles/", "/api/", "/api/v1/a/b/c/"]
)
def test_an_unknown_api_address_is_a_json_404(db, api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_a_missing_trailing_slash_still_redirects(db, api):
    response = api.get("/api/v1/articles")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/articles/")


def test_a_write_is_refused_with_405_json(db, api):
    response = api.post("/api/v1/articles/", {})
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405
