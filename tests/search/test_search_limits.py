"""/search/ when more articles match than it counts: the newest ARTICLE_LIMIT stand for them all."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from search import archive
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory, TopicFactory


@pytest.fixture
def limit_of_three(monkeypatch):
    monkeypatch.setattr(archive, "ARTICLE_LIMIT", 3)
    monkeypatch.setattr(archive.SearchPaginator, "max_pages", 1)


def marmalade(days: int, headline: str = "", **fields):
    """A published article `days` old with 'marmalade' in its body."""
    return ArticleFactory(
        published=True,
        headline=headline or f"Report {days} days old",
        body="<p>The marmalade trade.</p>",
        published_at=timezone.now() - timedelta(days=days),
        **fields,
    )


def search(client, **params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return response


def articles_of(results):
    return next(g for g in results.groups if g.kind == "articles")


def test_more_matches_than_the_limit_are_counted_as_more_than_it(client, db, limit_of_three):
    for days in range(1, 6):
        marmalade(days)

    response = search(client, q="marmalade")

    results = response.context["results"]
    facet = next(f for f in results.types if f.value == "articles")
    assert (facet.count, facet.capped) == (3, True)
    assert results.capped
    html = response.content.decode()
    assert "More than 3 results for" in html
    assert "Articles (3+)" in html
    assert "taken from the newest 3" in html and "cover 3 of each" in html


def test_facets_of_a_capped_search_count_the_newest_matches(client, db, limit_of_three):
    recent, old = TopicFactory(name="Recent subject"), TopicFactory(name="Old subject")
    for days in (1, 2, 3):
        marmalade(days, countries=("AZ",), topics=[recent])
    for days in (10, 11):
        marmalade(days, countries=("GE",), topics=[old])

    results = search(client, q="marmalade").context["results"]

    assert [(f.value, f.count) for f in results.topics] == [(recent.slug, 3)]
    assert [(f.value, f.count) for f in results.countries] == [("AZ", 3)]


def test_best_match_of_a_capped_search_ranks_the_newest_matches(client, db, limit_of_three):
    marmalade(9, headline="Marmalade in the headline, but old")
    for days in (1, 2, 3):
        marmalade(days)
    newest_headline_match = marmalade(4, headline="Marmalade exports rise")

    results = search(client, q="marmalade").context["results"]

    shown = [a.headline for a in articles_of(results).items]
    assert "Marmalade in the headline, but old" not in shown
    assert len(shown) == 3
    if newest_headline_match.headline in shown:  # ranked (PostgreSQL): a headline match first
        assert shown[0] == newest_headline_match.headline


def test_a_search_under_the_limit_counts_exactly(client, db, limit_of_three):
    for days in (1, 2, 3):
        marmalade(days)

    response = search(client, q="marmalade")

    results = response.context["results"]
    assert (results.total, results.capped) == (3, False)
    html = response.content.decode()
    assert "3 results for" in html and "More than" not in html
    assert "Articles (3)" in html


def test_pages_of_one_kind_stop_at_the_limit(client, db, limit_of_three, monkeypatch):
    monkeypatch.setattr(archive, "PAGE_SIZE", 2)
    for days in range(1, 6):
        marmalade(days)

    page = articles_of(
        search(client, q="marmalade", type="articles", sort="newest").context["results"]
    ).items

    assert page.paginator.num_pages == 1
    assert page.paginator.is_capped
    assert [a.headline for a in page] == ["Report 1 days old", "Report 2 days old"]


def test_meetings_of_a_search_matching_more_than_the_limit_come_newest_first(
    client, db, monkeypatch
):
    older = MeetingFactory(
        published=True, title="Marmalade talks", date=timezone.now().date() - timedelta(days=9)
    )
    newer = MeetingFactory(published=True, title="Marmaladeworks visit", date=timezone.now().date())

    def meetings_found():
        results = search(client, q="marmalade").context["results"]
        return [m.title for m in next(g for g in results.groups if g.kind == "meetings").items]

    # Best match first where trigrams can say (PostgreSQL): the whole word over a longer one.
    by_similarity = meetings_found()
    assert set(by_similarity) == {older.title, newer.title}
    monkeypatch.setattr(archive, "ARTICLE_LIMIT", 1)
    cache.clear()  # the page cache would answer with the first page
    # More matches than the limit: no scoring, newest first.
    assert meetings_found() == [newer.title, older.title]


def test_meetings_are_counted_up_to_the_limit(client, db, limit_of_three):
    for day in range(5):
        MeetingFactory(published=True, title=f"Marmalade talks {day}")

    response = search(client, q="marmalade")

    facet = next(f for f in response.context["results"].types if f.value == "meetings")
    assert (facet.count, facet.capped) == (3, True)
    assert "Meetings (3+)" in response.content.decode()
    # The country facets count the three meetings counted: each has a host and a guest.
    countries = {f.value: f.count for f in response.context["results"].countries}
    assert countries == {"AZ": 3, "TR": 3}
