"""Batch reads: ?ids=1,2,3 on every list, capped; drafts stay out."""

import pytest

from tests.articles.factories import ArticleFactory
from tests.partners.test_api_responses import ENDPOINTS
from tests.people.factories import PersonFactory


def test_ids_returns_exactly_the_named_published_items(db, api):
    first, _, third = (
        ArticleFactory(published=True),
        ArticleFactory(published=True),
        ArticleFactory(published=True),
    )
    draft = ArticleFactory(published=False)
    response = api.get(f"/api/v1/articles/?ids={third.pk},{first.pk},{draft.pk},999999")
    assert response.status_code == 200
    ids = [doc["altids"][0]["value"] for doc in response.json()["results"]]
    # In list order; the draft and the unknown id are simply not there.
    assert ids == [str(first.pk), str(third.pk)]


def test_ids_combines_with_paging_and_filters(db, api):
    people = [PersonFactory() for _ in range(5)]
    wanted = ",".join(str(p.pk) for p in people[:3])
    page = api.get(f"/api/v1/officials/?ids={wanted}&page_size=2").json()
    assert [item["id"] for item in page["results"]] == [people[0].pk, people[1].pk]
    rest = api.get(page["next"]).json()
    assert [item["id"] for item in rest["results"]] == [people[2].pk]
    assert api.get(f"/api/v1/officials/?ids={wanted}&country=tr").json()["results"] == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_list_takes_ids_up_to_the_cap(db, api, settings, endpoint):
    settings.API_MAX_BATCH_IDS = 3
    assert api.get(f"/api/v1/{endpoint}/?ids=1,2,3").status_code == 200
    over = api.get(f"/api/v1/{endpoint}/?ids=1,2,3,4")
    assert over.status_code == 400
    assert over.json()["error"]["fields"] == {"ids": ["At most 3 ids in one request."]}


@pytest.mark.parametrize("value", ["", "1,,2", "1,a", " 1", "-1", "1,2,"])
def test_malformed_ids_are_400_naming_ids(db, api, value):
    response = api.get("/api/v1/articles/", {"ids": value})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["ids"]
