"""Atom feeds: all published articles, per topic, per country pair; linked from their pages."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Topic
from tests.articles.factories import ArticleFactory
from tests.events.factories import TopicFactory

ATOM = "{http://www.w3.org/2005/Atom}"
SEED_HEADLINE = (
    "Azerbaijan and Türkiye defence chiefs discuss deeper military cooperation at ADEX in Baku"
)


def _entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def test_articles_feed_lists_published_articles_newest_first(seeded, client, settings):
    settings.SITE_URL = "https://archive.example"
    ArticleFactory(published=True, headline="Fresh report on talks")

    response = client.get("/feeds/articles/")

    assert _entries(response) == ["Fresh report on talks", SEED_HEADLINE]
    feed = ET.fromstring(response.content)
    entry = next(feed.iter(f"{ATOM}entry"))
    links = [link.get("href") for link in entry.iter(f"{ATOM}link")]
    assert links[0].startswith("https://archive.example/articles/fresh-report-on-talks")
    seed = list(feed.iter(f"{ATOM}entry"))[1]
    categories = {c.get("term") for c in seed.iter(f"{ATOM}category")}
    assert "Joint production" in categories
    assert seed.findtext(f"{ATOM}author/{ATOM}name") == "Archive desk"
    assert seed.findtext(f"{ATOM}published") == "2024-09-24T16:00:00+00:00"


def test_feeds_never_carry_drafts_or_scheduled_articles(seeded, client):
    topic = Topic.objects.get(slug="joint-production")
    ArticleFactory(
        countries=("AZ", "TR"), published=False, headline="Draft on drones", topics=[topic]
    )
    ArticleFactory(
        published=True,
        countries=("AZ", "TR"),
        headline="Embargoed until next week",
        published_at=timezone.now() + timedelta(days=7),
        topics=[topic],
    )

    for path in (
        "/feeds/articles/",
        "/feeds/topics/joint-production/",
        "/feeds/relations/az-tr/",
    ):
        titles = _entries(client.get(path))
        assert SEED_HEADLINE in titles
        assert "Draft on drones" not in titles
        assert "Embargoed until next week" not in titles


def test_topic_feed_lists_only_that_topic(seeded, client):
    other = TopicFactory(name="Naval affairs")
    ArticleFactory(published=True, headline="Frigate deal", topics=[other])

    assert _entries(client.get("/feeds/topics/naval-affairs/")) == ["Frigate deal"]
    assert SEED_HEADLINE in _entries(client.get("/feeds/topics/joint-production/"))
    assert client.get("/feeds/topics/no-such-topic/").status_code == 404


def test_pair_feed_lists_articles_covering_both_countries(seeded, client):
    ArticleFactory(published=True, countries=("AZ",), headline="Azerbaijan only")
    ArticleFactory(published=True, countries=("AZ", "TR", "GE"), headline="Three-way summit")

    assert _entries(client.get("/feeds/relations/az-tr/")) == ["Three-way summit", SEED_HEADLINE]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/feeds/relations/tr-az/", 301),
        ("/feeds/relations/az-az/", 404),
        ("/feeds/relations/zz-tr/", 404),
        ("/feeds/relations/aze-tr/", 404),
    ],
)
def test_pair_feed_redirects_or_refuses_non_canonical_pairs(seeded, client, path, status):
    response = client.get(path)

    assert response.status_code == status
    if status == 301:
        assert response["Location"] == "/feeds/relations/az-tr/"


def _alternate_links(html: str) -> list[str]:
    return [
        line
        for line in html.splitlines()
        if 'rel="alternate"' in line and 'type="application/atom+xml"' in line
    ]


def test_pages_link_their_feeds(seeded, client):
    home = _alternate_links(client.get("/").content.decode())
    assert any('href="/feeds/articles/"' in link for link in home)

    relation = _alternate_links(client.get("/relations/az-tr/").content.decode())
    assert any('href="/feeds/relations/az-tr/"' in link for link in relation)

    articles = _alternate_links(client.get("/articles/").content.decode())
    assert any('href="/feeds/articles/"' in link for link in articles)


def test_articles_feed_runs_a_fixed_number_of_queries(db, client):
    topic = TopicFactory(name="Air defence")
    ArticleFactory(published=True, headline="Only one", topics=[topic])
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get("/feeds/articles/")

    for _ in range(29):
        ArticleFactory(published=True, topics=[topic])
    cache.clear()
    with CaptureQueriesContext(connection) as thirty:
        client.get("/feeds/articles/")

    assert len(thirty.captured_queries) == len(one.captured_queries)
