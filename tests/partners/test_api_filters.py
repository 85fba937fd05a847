"""The API lists take the public pages' FilterSets: same parameters, same errors as 400 JSON."""

from datetime import UTC, datetime

import pytest

from articles.services import article_withdraw
from config.api_urls import urlpatterns
from tests.articles.factories import ArticleFactory

ARTICLE = "azerbaijan-turkiye-defence-talks-adex-2024"


def list_views():
    return {
        p.pattern._route.split("/")[1]: p.callback.view_class
        for p in urlpatterns
        if p.name and p.name.endswith("_list")
    }


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {doc["slug"] for doc in response.json()["results"]}


def article_slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {
        a["value"]
        for doc in response.json()["results"]
        for a in doc["altids"]
        if a["role"] == "slug"
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("country=az", True),
        ("country=TR", True),
        ("country=fr", False),
        ("person=zakir-hasanov", True),
        ("person=kerim-valiyev&country=az", True),
        ("topic=defence-industry&topic=military-education", True),
        ("meeting=hasanov-guler-talks-adex-2024", True),
        ("exhibition=adex-2024", True),
        ("date_from=2024-09-01&date_to=2024-12-31", True),
        ("date_from=2025-01-01", False),
        ("q=Hasanov", True),
        ("q=Hesenov", False),
    ],
)
def test_article_filters_select_articles(seeded, api, query, found):
    ArticleFactory(
        published=True,
        headline="Unrelated report about fisheries",
        published_at=datetime(2020, 5, 1, tzinfo=UTC),
    )
    result = article_slugs(api.get(f"/api/v1/articles/?{query}"))
    assert (ARTICLE in result) is found
    assert not any(s.startswith("test-report") for s in result)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=zz", "country"),
        ("country=azerbaijan", "country"),
        ("country=", "country"),
        ("date_from=2024-13-45", "date_from"),
        ("date_to=yesterday", "date_to"),
        ("date_to=", "date_to"),
        ("q=" + "a" * 5000, "q"),
        ("q=", "q"),
        ("topic=no such topic", "topic"),
        ("topic=defence-industry&topic=", "topic"),
        ("person=", "person"),
        ("person=no/body", "person"),
        ("meeting=%00", "meeting"),
    ],
)
def test_bad_filter_values_are_400_naming_the_field(seeded, api, query, field):
    response = api.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]


@pytest.mark.parametrize("endpoint", sorted(list_views()))
def test_every_filter_of_every_list_refuses_garbage_with_400(db, api, endpoint):
    # Malformed for every kind of value: not a slug, too long for words, not a code or date.
    view = list_views()[endpoint]
    names = sorted(view.filterset_class.base_filters)
    assert names, f"{endpoint} has no filters"
    for name in names:
        response = api.get(f"/api/v1/{endpoint}/", {name: "?!" * 150})
        assert response.status_code == 400, (endpoint, name, response.content)
        assert name in response.json()["error"]["fields"]


def test_lists_share_the_public_pages_filtersets():
    from articles.filters import ArticleFilter
    from events.filters import (
        DelegationFilter,
        ExhibitionFilter,
        MeetingFilter,
        OfficialFilter,
        OutcomeFilter,
        TopicFilter,
    )
    from people.filters import OrganisationFilter, PositionFilter

    assert {name: view.filterset_class for name, view in list_views().items()} == {
        "articles": ArticleFilter,
        "officials": OfficialFilter,
        "organisations": OrganisationFilter,
        "positions": PositionFilter,
        "meetings": MeetingFilter,
        "delegations": DelegationFilter,
        "outcomes": OutcomeFilter,
        "exhibitions": ExhibitionFilter,
        "topics": TopicFilter,
    }


def test_reference_lists_filter_by_country_and_pair(seeded, api):
    officials = slugs(api.get("/api/v1/officials/?country=tr"))
    assert "yasar-guler" in officials and "zakir-hasanov" not in officials
    meetings = slugs(api.get("/api/v1/meetings/?pair=tr-az"))
    assert meetings == {"hasanov-guler-talks-adex-2024", "hasanov-ssb-delegation-adex-2024"}
    assert slugs(api.get("/api/v1/meetings/?pair=az-fr")) == set()
    bad = api.get("/api/v1/meetings/?pair=az")
    assert bad.status_code == 400 and "pair" in bad.json()["error"]["fields"]


@pytest.mark.parametrize(
    "query",
    [
        "person=nobody",
        "person=99999999999999999999",
        "topic=no-such-topic",
        "topic=defence-industry&topic=no-such-topic",
        "date_from=2025-01-01&date_to=2024-01-01",
    ],
)
def test_well_formed_values_naming_nothing_match_nothing(seeded, api, query):
    # The schema accepts them, so the server does too: a filter by nothing finds nothing.
    response = api.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert api.get("/api/v1/meetings/?pair=az-az").json()["results"] == []


def test_delegations_are_found_by_the_words_that_find_their_head(seeded, api):
    delegation = "turkiye-defence-industry-delegation-adex-2024"
    assert slugs(api.get("/api/v1/delegations/?q=Gorgun")) == {delegation}
    assert slugs(api.get("/api/v1/delegations/?q=Hasanov")) == set()


def test_a_filtered_sync_reports_a_withdrawn_match_as_a_tombstone(seeded, api):
    from articles.models import Article

    since = api.get("/api/v1/articles/?country=az").json()["until"]
    article = Article.objects.get(slug=ARTICLE)
    article_withdraw(article=article)
    page = api.get(f"/api/v1/articles/?country=az&updated_since={since}").json()
    assert [doc["pubstatus"] for doc in page["results"]] == ["canceled"]
    assert page["results"][0]["uri"].endswith(f"/api/v1/articles/{article.pk}/")
    # Whether it matched before is not known from unpublished rows: every filter gets the
    # tombstone, which tells nothing but that a once-public article left.
    other = api.get(f"/api/v1/articles/?country=fr&updated_since={since}").json()["results"]
    assert other == page["results"]


@pytest.mark.parametrize(
    "query",
    [
        "q=Hasanov",
        "country=az",
        "person=zakir-hasanov",
        "topic=defence-industry",
        "date_from=2024-01-01",
        "exhibition=adex-2024",
    ],
)
def test_filters_combine_with_updated_since(seeded, api, query):
    ArticleFactory(
        published=True,
        headline="Unrelated fisheries report",
        published_at=datetime(2020, 5, 1, tzinfo=UTC),
    )
    response = api.get(f"/api/v1/articles/?{query}&updated_since=2000-01-01&page_size=5")
    # The unrelated report entered the public set without matching: not mentioned at all.
    assert article_slugs(response) == {ARTICLE}
    assert response.json()["next"] is None
