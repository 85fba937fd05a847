"""The country-pair relation pages: /relations/ and /relations/<a>-<b>/."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Meeting
from tests.articles.factories import ArticleFactory, full_meetings
from tests.events.factories import MeetingFactory
from tests.people.factories import PersonFactory

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
    assert "Several contracts: Contracts on joint military-technical cooperation" in html
    # Officials who met most: Həsənov was at both meetings.
    officials = html.split('id="officials"')[1].split("</section>")[0]
    assert officials.index("Zakir Həsənov") < officials.index("Yaşar Güler")
    assert "2 meetings" in officials
    # Topics over time, and the article.
    assert 'href="/topics/joint-production/">Joint production</a> (2)' in html
    assert "Azerbaijan and Türkiye defence chiefs discuss deeper military cooperation" in html


def test_relation_page_counts_each_year_and_explains_the_counts(seeded, client):
    html = client.get(PAGE).content.decode()

    table = html.split('<table class="years stack">')[1].split("</table>")[0]
    row = table.split("<tbody>")[1]
    assert '<th scope="row"><a href="#year-2024">2024</a></th>' in row
    assert '<td class="num" data-label="Meetings">2</td>' in row
    assert '<td class="num" data-label="Visits">0</td>' in row
    assert '<td class="num" data-label="Hosted by Azerbaijan">2</td>' in row
    # One outcome, "several contracts": one outcome, its documents not counted as one.
    assert '1 <span class="muted">(1 with the number of documents not reported)' in row
    assert "never as one document" in html
    assert 'id="year-2024"' in html


def test_relation_page_draws_who_met_whom_and_where(seeded, client):
    html = client.get(PAGE).content.decode()

    network = html.split('class="network"')[1].split("</svg>")[0]
    for slug in ("zakir-hasanov", "yasar-guler", "kerim-valiyev", "cahit-bagci", "haluk-gorgun"):
        assert f'<a href="/officials/{slug}/">' in network
    assert network.count("<line ") == 5  # each Azerbaijani official with each Turk they met
    map_svg = html.split('class="map"')[1].split("</svg>")[0]
    assert "Azerbaijan (2)" in map_svg
    assert "@svg-maps/world by Victor Cazanave, CC BY 4.0" in html
    assert "<script" not in network + map_svg


def test_relation_csv_has_one_row_per_meeting_with_the_codebook_columns(seeded, client):
    import csv
    import io

    response = client.get("/relations/az-tr/meetings.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="meetings-az-tr.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    talks = next(r for r in rows if r["kind"] == "talks")
    assert talks["host_principal"] == "Zakir Həsənov"
    assert talks["guest_principal"] == "Yaşar Güler"
    assert talks["date_precision"] == "inferred"
    contracts = next(r for r in rows if r["kind"] == "delegation_meeting")
    assert (contracts["outcomes"], contracts["documents_known"]) == ("1", "0")
    assert contracts["outcomes_uncounted"] == "1"
    # Every column is explained in the codebook on the method page.
    codebook = client.get("/method/").content.decode()
    for column in rows[0]:
        assert f"<code>{column}</code>" in codebook, column


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/relations/tr-az/", "/relations/az-tr/"),
        ("/relations/TR-AZ/", "/relations/az-tr/"),
        ("/relations/Az-Tr/", "/relations/az-tr/"),
        ("/relations/tr-az/?page=1", "/relations/az-tr/?page=1"),
        ("/relations/tr-az/meetings.csv", "/relations/az-tr/meetings.csv"),
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
        "/relations/zz-tr/meetings.csv",
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
    ArticleFactory(countries=("AZ", "TR"), published=False, headline="Unpublished draft on drones")
    ArticleFactory(published=True, countries=("AZ",), headline="Report on Azerbaijan alone")
    ArticleFactory(
        published=True, countries=("AZ", "TR"), headline="Published follow-up on the contracts"
    )

    html = client.get(PAGE).content.decode()

    assert "Published follow-up on the contracts" in html
    assert "Unpublished draft on drones" not in html
    assert "Report on Azerbaijan alone" not in html


def test_relation_page_counts_only_this_pair(seeded, client):
    MeetingFactory(
        published=True,
        host_country="AZ",
        guest_country="GE",
        title="Azerbaijani–Georgian border talks",
    )

    html = client.get(PAGE).content.decode()

    assert "Azerbaijani–Georgian border talks" not in html
    assert "2 meetings between officials of the two countries recorded" in html


def test_relation_timeline_is_paginated_newest_first(db, client):
    meetings = full_meetings(host="GE", guest="AM", how_many=30)
    newest = max(meetings, key=lambda m: (m.date, m.id))
    oldest = min(meetings, key=lambda m: (m.date, m.id))

    first = client.get("/relations/am-ge/").content.decode()
    second = client.get("/relations/am-ge/?page=2").content.decode()

    assert f'href="{newest.get_absolute_url()}"' in first
    assert f'href="{oldest.get_absolute_url()}"' in second
    assert f'href="{oldest.get_absolute_url()}"' not in first
    assert "30 meetings between officials of the two countries recorded, 2015–2022." in first
    assert 'href="?page=2" rel="next"' in first


def test_relation_index_lists_pairs_by_activity(seeded, client):
    MeetingFactory(published=True, host_country="AZ", guest_country="GE")

    html = client.get("/relations/").content.decode()

    assert html.index('href="/relations/az-tr/"') < html.index('href="/relations/az-ge/"')
    assert "Azerbaijan–Türkiye" in html


def _queries(client, path: str) -> int:
    cache.clear()  # measure the page, not the page cache
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", ["/relations/am-ge/", "/relations/am-ge/meetings.csv"])
def test_relation_page_runs_a_fixed_number_of_queries(db, client, path):
    full_meetings(host="GE", guest="AM", how_many=1)
    with_one = _queries(client, path)

    full_meetings(host="GE", guest="AM", how_many=5)
    assert Meeting.objects.for_country_pair("am", "ge").count() == 6

    assert _queries(client, path) == with_one, with_one


def test_relation_index_runs_a_fixed_number_of_queries(db, client):
    MeetingFactory(published=True, host_country="AZ", guest_country="TR")
    with_one = _queries(client, "/relations/")

    for code in ("GE", "AM", "FR", "DE", "IT", "ES", "RU", "IR", "PK", "KZ"):
        for _ in range(5):
            MeetingFactory(published=True, host_country="AZ", guest_country=code)

    assert _queries(client, "/relations/") == with_one


def test_topics_table_cells_escape_names_and_list_counts():
    from events.templatetags.relation_tables import topic_counts

    cell = topic_counts([("Arms & <trade>", "/topics/arms/", 2), ("Border", "/topics/b/", 1)])

    assert cell == (
        '<a href="/topics/arms/">Arms &amp; &lt;trade&gt;</a> (2), '
        '<a href="/topics/b/">Border</a> (1)'
    )


def test_relation_timeline_marks_visits_and_groups_years(db, client):
    from datetime import date

    visit = MeetingFactory(
        published=True,
        host_country="TR",
        guest_country="AZ",
        date=date(2023, 3, 1),
        kind="visit",
        cameo_code="043",
    )
    MeetingFactory(
        published=True,
        host_country="AZ",
        guest_country="TR",
        date=date(2023, 5, 1),
        third_location=True,
        cameo_code="044",
    )
    MeetingFactory(published=True, host_country="AZ", guest_country="TR", date=date(2021, 6, 1))

    html = client.get(PAGE).content.decode()

    assert html.index('id="year-2023"') < html.index('id="year-2021"')
    item = html.split(f'href="{visit.get_absolute_url()}"')[0].rsplit("<li", 1)[1]
    assert 'class="timeline-item visit"' in item and '<span class="badge">Visit</span>' in item
    assert "Türkiye hosting Azerbaijan" in item
    table = html.split('<table class="years stack">')[1].split("</table>")[0]
    row_2023 = table.split('href="#year-2023"')[1].split("</tr>")[0]
    assert '<td class="num" data-label="Meetings">2</td>' in row_2023
    assert '<td class="num" data-label="Visits">1</td>' in row_2023
    assert '<td class="num" data-label="Hosted by Türkiye">1</td>' in row_2023
    assert '<td class="num" data-label="Hosted by Azerbaijan">0</td>' in row_2023


def test_draft_meetings_reach_no_count_network_map_or_csv(seeded, client):
    from datetime import date

    MeetingFactory(
        host_country="TR",
        guest_country="AZ",
        date=date(2025, 1, 10),
        title="Secret draft talks",
        city="Ankara",
        participants=[(PersonFactory(country="TR", name="Draft Official"), "host")],
    )

    html = client.get(PAGE).content.decode()
    csv_text = client.get("/relations/az-tr/meetings.csv").content.decode()

    assert "Secret draft talks" not in html + csv_text
    assert "Draft Official" not in html
    assert 'id="year-2025"' not in html and "Ankara" not in html
    assert len(csv_text.strip().splitlines()) == 3  # the header and the two published meetings
