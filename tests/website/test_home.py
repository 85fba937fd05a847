"""The home page: latest articles, recent meetings, exhibitions, the most active country pairs."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.articles.factories import ArticleFactory, full_meetings
from tests.events.factories import MeetingFactory


def test_home_page_shows_the_seed_story(seeded, client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        'href="/articles/azerbaijan-turkiye-defence-talks-adex-2024/">Azerbaijan and Türkiye '
        "defence chiefs discuss deeper military cooperation at ADEX in Baku</a>" in html
    )
    assert 'href="/meetings/hasanov-guler-talks-adex-2024/"' in html
    assert 'href="/meetings/hasanov-ssb-delegation-adex-2024/"' in html
    assert "(date inferred)" in html
    assert 'href="/exhibitions/adex-2024/">ADEX 2024</a>' in html
    assert 'href="/relations/az-tr/">Azerbaijan–Türkiye</a>' in html
    assert "2 meetings" in html


def test_home_page_never_shows_drafts_or_scheduled_articles(seeded, client):
    ArticleFactory(published=False, headline="Draft about a naval exercise")
    ArticleFactory(
        published=True,
        headline="Scheduled for next week",
        published_at=timezone.now() + timedelta(days=7),
    )

    html = client.get("/").content.decode()

    assert "Draft about a naval exercise" not in html
    assert "Scheduled for next week" not in html


def test_home_page_ranks_pairs_by_meetings(db, client):
    MeetingFactory(published=True, host_country="AZ", guest_country="TR")
    for _ in range(3):
        MeetingFactory(published=True, host_country="GE", guest_country="AM")

    html = client.get("/").content.decode()

    assert html.index('href="/relations/am-ge/"') < html.index('href="/relations/az-tr/"')
    assert "3 meetings" in html


def test_home_page_on_an_empty_archive(db, client):
    html = client.get("/").content.decode()

    assert "No articles published yet." in html
    assert "No meetings recorded yet." in html


def _queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get("/").status_code == 200
    return len(context.captured_queries)


def test_home_page_runs_a_fixed_number_of_queries(db, client):
    full_meetings(host="GE", guest="AM", how_many=1)
    with_one = _queries(client)

    full_meetings(host="GE", guest="AM", how_many=5)
    full_meetings(host="AZ", guest="TR", how_many=3)

    assert _queries(client) == with_one, with_one
