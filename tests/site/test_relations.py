"""The country-pair relation pages: /relations/ and /relations/<a>-<b>/."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Meeting
from tests.site.relation_builders import make_article, make_full_meetings, make_meeting

PAGE = "/relations/az-tr/"


def test_relation_page_shows_the_seed_story(seeded, client):
    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Azerbaijan–Türkiye relations</h1>" in html
    # The timeline: both ADEX meetings, their inferred date, the exhibition, the outcome.
    assert "Həsənov and Güler hold defence talks at ADEX 2024" in html
    assert "Həsənov receives Turkish defence-industry delegation led by Görgün" in html
    assert '<time datetime="2024-09-24">24 September 2024</time>' in html
    assert "(date inferred)" in html
    assert 'href="/exhibitions/adex-2024/"' in html
    assert "Contracts on joint military-technical cooperation" in html
    assert "several; number not reported" in html
    # Officials who met most: Həsənov was at both meetings.
    officials = html.split('id="officials"')[1].split("</section>")[0]
    assert officials.index("Zakir Həsənov") < officials.index("Yaşar Güler")
    assert "2 meetings" in officials
    # Topics over time, and the article.
    assert 'href="/topics/joint-production/">Joint production</a> (2)' in html
    assert "Azerbaijan and Türkiye defence chiefs discuss deeper military cooperation" in html


def test_relation_chart_has_a_text_alternative(seeded, client):
    html = client.get(PAGE).content.decode()

    img = re.search(r'<img src="/relations/az-tr/chart\.svg"[^>]*>', html)
    assert img and 'alt="Bar chart of meetings and agreements' in img.group(0)
    table = html.split("<caption>Meetings and agreements signed, per year</caption>")[1]
    row = table.split("</tr>")[1]
    assert '<th scope="row">2024</th><td>2</td><td>1</td>' in row


def test_relation_chart_is_a_server_drawn_svg_without_script_sources(seeded, client):
    response = client.get("/relations/az-tr/chart.svg")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.lstrip().startswith(("<?xml", "<svg"))
    assert "pygal" in svg
    assert "Meetings" in svg and "Agreements signed" in svg and "2024" in svg
    # Nothing fetched from another host: pygal's default tooltip script is switched off.
    assert "kozea.github.io" not in svg
    assert not re.search(r"<script[^>]+(src|xlink:href)=", svg)
    assert "script-src" not in response["Content-Security-Policy"]
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/relations/tr-az/", "/relations/az-tr/"),
        ("/relations/TR-AZ/", "/relations/az-tr/"),
        ("/relations/Az-Tr/", "/relations/az-tr/"),
        ("/relations/tr-az/?page=1", "/relations/az-tr/?page=1"),
        ("/relations/tr-az/chart.svg", "/relations/az-tr/chart.svg"),
    ],
)
def test_relation_page_redirects_to_canonical_order(seeded, client, path, target):
    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize(
    "path",
    [
        "/relations/az-az/",
        "/relations/AZ-az/",
        "/relations/zz-tr/",
        "/relations/az-xx/",
        "/relations/aze-tr/",
        "/relations/a-tr/",
        "/relations/az/",
        "/relations/az-tr-ge/",
        "/relations/zz-tr/chart.svg",
        "/relations/az-tr/?page=99999",
        "/relations/az-tr/?page=0",
        "/relations/az-tr/?page=abc",
    ],
)
def test_relation_page_rejects_bad_pairs_and_pages_with_404(seeded, client, path):
    assert client.get(path).status_code == 404


def test_relation_page_for_a_pair_without_meetings_is_empty_and_not_indexed(db, client):
    response = client.get("/relations/fr-ge/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "No meetings between France and Georgia are recorded yet." in html
    assert '<meta name="robots" content="noindex">' in html


def test_relation_page_lists_published_articles_only(seeded, client):
    make_article(countries=("AZ", "TR"), published=False, headline="Unpublished draft on drones")
    make_article(countries=("AZ",), headline="Report on Azerbaijan alone")
    make_article(countries=("AZ", "TR"), headline="Published follow-up on the contracts")

    html = client.get(PAGE).content.decode()

    assert "Published follow-up on the contracts" in html
    assert "Unpublished draft on drones" not in html
    assert "Report on Azerbaijan alone" not in html


def test_relation_page_counts_only_this_pair(seeded, client):
    make_meeting("AZ", "GE", title="Azerbaijani–Georgian border talks")

    html = client.get(PAGE).content.decode()

    assert "Azerbaijani–Georgian border talks" not in html
    assert "2 meetings recorded" in html


def test_relation_timeline_is_paginated_newest_first(db, client):
    meetings = make_full_meetings("GE", "AM", 55)
    newest = max(meetings, key=lambda m: (m.date, m.id))
    oldest = min(meetings, key=lambda m: (m.date, m.id))

    first = client.get("/relations/am-ge/").content.decode()
    second = client.get("/relations/am-ge/?page=2").content.decode()

    assert f'href="{newest.get_absolute_url()}"' in first
    assert f'href="{oldest.get_absolute_url()}"' in second
    assert f'href="{oldest.get_absolute_url()}"' not in first
    assert "55 meetings recorded, 2015–2022." in first
    assert 'href="?page=2" rel="next"' in first


def test_relation_index_lists_pairs_by_activity(seeded, client):
    make_meeting("AZ", "GE")

    html = client.get("/relations/").content.decode()

    assert html.index('href="/relations/az-tr/"') < html.index('href="/relations/az-ge/"')
    assert "Azerbaijan–Türkiye" in html


def _queries(client, path: str) -> int:
    cache.clear()  # measure the page, not the page cache
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", ["/relations/am-ge/", "/relations/am-ge/chart.svg"])
def test_relation_page_runs_a_fixed_number_of_queries(db, client, path):
    make_full_meetings("GE", "AM", 1)
    with_one = _queries(client, path)

    make_full_meetings("GE", "AM", 49)
    assert Meeting.objects.for_country_pair("am", "ge").count() == 50

    assert _queries(client, path) == with_one, with_one


def test_relation_index_runs_a_fixed_number_of_queries(db, client):
    make_meeting("AZ", "TR")
    with_one = _queries(client, "/relations/")

    for code in ("GE", "AM", "FR", "DE", "IT", "ES", "RU", "IR", "PK", "KZ"):
        for _ in range(5):
            make_meeting("AZ", code)

    assert _queries(client, "/relations/") == with_one


def test_topics_table_cells_escape_names_and_list_counts():
    from events.templatetags.relation_tables import topic_counts

    cell = topic_counts([("Arms & <trade>", "/topics/arms/", 2), ("Border", "/topics/b/", 1)])

    assert cell == (
        '<a href="/topics/arms/">Arms &amp; &lt;trade&gt;</a> (2), '
        '<a href="/topics/b/">Border</a> (1)'
    )
