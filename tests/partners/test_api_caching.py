"""API responses come from the cache until an editor saves; never stale after a publish."""

from rest_framework.test import APIClient

from articles.services import article_publish, article_save, article_unpublish
from partners.models import Partner, api_key_create
from tests.articles.factories import ArticleFactory


def headlines(response) -> list[str]:
    return [doc["headlines"][0]["value"] for doc in response.json()["results"]]


def headlines_of(response) -> str:
    return response.json()["headlines"][0]["value"]


def test_a_repeated_request_is_served_from_the_cache_with_the_same_etag(db, api):
    ArticleFactory(published=True, headline="Talks in Baku")
    first = api.get("/api/v1/articles/")
    second = api.get("/api/v1/articles/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert second["Content-Type"] == "application/json"
    again = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_the_cache_is_shared_by_partners_but_never_skips_authentication(db, api):
    ArticleFactory(published=True)
    api.get("/api/v1/articles/")
    other = Partner.objects.create(name="Second desk", requests_per_minute=100)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_key_create(partner=other)[1]}")
    assert client.get("/api/v1/articles/")["X-Cache"] == "hit"
    anonymous = APIClient().get("/api/v1/articles/")
    assert anonymous.status_code == 401
    assert b"results" not in anonymous.content


def test_a_cached_response_still_counts_against_the_rate_limit(partner, api):
    partner.requests_per_minute = 2
    partner.save()
    statuses = [api.get("/api/v1/topics/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_publish_unpublish_and_edit_are_seen_at_once(db, api):
    shown = ArticleFactory(published=True, headline="First report")
    draft = ArticleFactory(published=False, headline="Second report")
    detail = f"/api/v1/articles/{shown.pk}/"
    assert headlines(api.get("/api/v1/articles/")) == ["First report"]
    assert headlines_of(api.get(detail)) == "First report"
    assert api.get(detail)["X-Cache"] == "hit"

    article_publish(article=draft)
    assert sorted(headlines(api.get("/api/v1/articles/"))) == ["First report", "Second report"]
    assert api.get(f"/api/v1/articles/{draft.pk}/").status_code == 200

    article_unpublish(article=shown)
    assert headlines(api.get("/api/v1/articles/")) == ["Second report"]
    assert api.get(detail).status_code == 410  # published once: gone, with its tombstone

    draft.headline = "Second report, corrected"
    article_save(article=draft)
    assert headlines_of(api.get(f"/api/v1/articles/{draft.pk}/")) == "Second report, corrected"


def test_a_change_to_linked_data_refreshes_the_article(seeded, api):
    from people.models import Person
    from people.services import person_save

    url = "/api/v1/articles/azerbaijan-turkiye-defence-talks-adex-2024/"
    before = api.get(url)
    person = Person.objects.get(slug="zakir-hasanov")
    person.name = "Zakir Həsənov (renamed)"
    person_save(person=person)
    after = api.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert b"(renamed)" in after.content


def test_the_cache_can_be_turned_off(db, api, settings):
    settings.API_CACHE_SECONDS = 0
    ArticleFactory(published=True)
    api.get("/api/v1/articles/")
    assert "X-Cache" not in api.get("/api/v1/articles/")


def test_an_empty_list_still_has_an_etag(db, api):
    response = api.get("/api/v1/articles/")
    assert response.json()["results"] == []
    assert response["ETag"]
