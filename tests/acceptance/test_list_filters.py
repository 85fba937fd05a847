"""The lists' FilterSets through the pages: each filter, combined, in page links, bad values."""

import re

import pytest

from articles.filters import ArticleFilter
from articles.models import Article
from events.filters import MeetingFilter, OfficialFilter
from events.models import Meeting, Topic
from people.models import Person
from tests.articles.factories import ArticleFactory

ARTICLE = "/articles/azerbaijan-turkiye-defence-talks-adex-2024/"
TALKS = "/meetings/hasanov-guler-talks-adex-2024/"
CONTRACTS = "/meetings/hasanov-ssb-delegation-adex-2024/"


def links(client, url: str, status: int = 200) -> set[str]:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    main = response.content.decode().split('<ul class="cards">', 1)[1]
    return set(re.findall(r'<h2 class="item-title"><a href="([^"]+)"', main))


def errors(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    html = response.content.decode()
    assert 'role="alert"' in html
    return html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=Guler", True),
        ("q=guler", True),
        ("q=GÜLER", True),
        ("q=Hasanov", True),
        ("q=Həsənov", True),
        ("q=Hesenov", False),
        ("country=az", True),
        ("country=AZ", True),
        ("country=Tr", True),
        ("country=fr", False),
        ("person=yasar-guler", True),
        ("organisation=turkiye-presidency-of-defence-industries", True),
        ("exhibition=adex-2024", True),
        ("meeting=hasanov-guler-talks-adex-2024", True),
        ("topic=joint-production", True),
        ("topic=joint-production&topic=defence-industry", True),
        ("source=apa", True),
        ("date_from=2024-09-24&date_to=2024-09-24", True),
        ("date_from=2024-09-25", False),
        ("date_to=2024-09-23", False),
        ("country=az&person=kerim-valiyev&topic=military-medicine&q=baku", True),
        ("", True),
    ],
)
def test_article_list_filters(seeded, client, query, found):
    ArticleFactory(published=True, headline="A report on fisheries", countries=("FR",))

    assert (ARTICLE in links(client, f"/articles/?{query}")) is found


def test_topics_combine_with_and(seeded, client):
    only_one = Topic.objects.get(slug="defence-industry")
    other = ArticleFactory(published=True, headline="Industry only", topics=[only_one])

    both = links(client, "/articles/?topic=defence-industry&topic=military-medicine")
    one = links(client, "/articles/?topic=defence-industry")

    assert both == {ARTICLE}
    assert one == {ARTICLE, other.get_absolute_url()}
    meetings = links(client, "/meetings/?topic=defence-industry&topic=joint-production")
    assert meetings == {CONTRACTS}
    assert links(client, "/meetings/?topic=defence-industry&topic=military-medicine") == set()


def test_person_filter_takes_a_slug_or_an_id(seeded, client):
    guler = Person.objects.get(slug="yasar-guler")

    assert links(client, f"/meetings/?person={guler.pk}") == {TALKS}
    assert links(client, "/meetings/?person=yasar-guler") == {TALKS}
    assert links(client, "/meetings/?person=haluk-gorgun") == {CONTRACTS}


def test_drafts_never_match_a_filter(seeded, client):
    draft = ArticleFactory(
        published=False,
        headline="Draft naming Guler",
        countries=("AZ",),
        people=[Person.objects.get(slug="yasar-guler")],
    )

    for query in ("q=Guler", "country=az", "person=yasar-guler", ""):
        assert draft.get_absolute_url() not in links(client, f"/articles/?{query}")


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("/officials/?q=Guler", {"/officials/yasar-guler/"}),
        ("/officials/?q=Hasanov", {"/officials/zakir-hasanov/"}),
        ("/officials/?q=zakir+hasanov", {"/officials/zakir-hasanov/"}),
        ("/officials/?q=Gasanov", {"/officials/zakir-hasanov/"}),  # an alias
        ("/officials/?country=tr&q=gorgun", {"/officials/haluk-gorgun/"}),
        (
            "/officials/?meeting=hasanov-ssb-delegation-adex-2024",
            {"/officials/haluk-gorgun/", "/officials/zakir-hasanov/"},
        ),
        ("/meetings/?q=Guler", {TALKS}),
        ("/meetings/?q=hasanov", {TALKS, CONTRACTS}),
        ("/meetings/?country=tr&exhibition=adex-2024", {TALKS, CONTRACTS}),
        ("/meetings/?country=fr", set()),
        ("/meetings/?organisation=turkiye-presidency-of-defence-industries", {CONTRACTS}),
        ("/meetings/?kind=talks", {TALKS}),
        ("/organisations/?q=SSB", {"/organisations/turkiye-presidency-of-defence-industries/"}),
        (
            "/organisations/?q=Savunma+Sanayii",
            {"/organisations/turkiye-presidency-of-defence-industries/"},
        ),
        ("/exhibitions/?country=az&date_from=2024-09-26", {"/exhibitions/adex-2024/"}),
        ("/exhibitions/?date_from=2024-09-27", set()),
        (
            "/delegations/?person=haluk-gorgun",
            {"/delegations/turkiye-defence-industry-delegation-adex-2024/"},
        ),
    ],
)
def test_other_lists_filter(seeded, client, url, found):
    assert links(client, url) == found


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/articles/?date_from=2024-13-45", "date_from", "Enter a valid date."),
        ("/articles/?date_to=yesterday", "date_to", "Enter a valid date."),
        (
            "/articles/?date_from=2025-01-01&date_to=2024-01-01",
            "date_to",
            "The end date is before the start date.",
        ),
        ("/articles/?country=zz", "country", "Unknown country code ZZ"),
        ("/articles/?country=aze", "country", "Unknown country code AZE"),
        ("/articles/?q=" + "a" * 1000, "q", "at most 200 characters (it has 1000)"),
        ("/articles/?topic=no-such-topic", "topic", "There is no such topic: no-such-topic."),
        ("/articles/?person=nobody", "person", "There is no such person."),
        ("/articles/?person=99999999999999999999", "person", "There is no such person."),
        ("/meetings/?pair=az-az", "pair", "two different countries"),
        ("/meetings/?date_from=32.13.2024", "date_from", "Enter a valid date."),
        ("/officials/?country=xx", "country", "Unknown country code XX"),
        ("/officials/?q=" + "ü" * 500, "q", "at most 200 characters"),
        ("/organisations/?kind=castle", "kind", "Select a valid choice."),
        ("/exhibitions/?date_to=2024-02-30", "date_to", "Enter a valid date."),
        ("/delegations/?organisation=none", "organisation", "There is no such organisation."),
        ("/topics/?parent=none", "parent", "There is no such topic."),
    ],
)
def test_bad_values_are_form_errors_with_400(seeded, client, url, field, message):
    html = errors(client, url)

    assert f'id="id_{field}_error"' in html
    assert message in html
    # The field points to its error (and to its help text, when it has one).
    assert re.search(rf'aria-describedby="(id_{field}_helptext )?id_{field}_error"', html)
    # Nothing is listed under a filter that could not be applied.
    assert "match these filters" in html


@pytest.mark.parametrize(
    "url",
    ["/articles/?page=99999", "/meetings/?page=99999", "/officials/?page=abc", "/topics/?page=0"],
)
def test_pages_past_the_end_are_404(seeded, client, url):
    assert client.get(url).status_code == 404


def test_filters_stay_in_the_pagination_links(db, client):
    for _ in range(45):
        ArticleFactory(
            published=True,
            countries=("AZ",),
            topics=[Topic.objects.get_or_create(slug="navy", defaults={"name": "Navy"})[0]],
        )
    ArticleFactory(published=True, countries=("FR",))

    html = client.get("/articles/?country=az&topic=navy&page=2").content.decode()

    assert "Page 2 of 3" in html
    assert 'href="?country=az&amp;topic=navy&amp;page=1"' in html
    assert 'href="?country=az&amp;topic=navy&amp;page=3"' in html
    assert "45 articles found." in html
    # A filtered list is kept out of search engines; its canonical address is the bare list.
    assert '<meta name="robots" content="noindex">' in html


def test_the_form_shows_the_filters_in_use(seeded, client):
    html = client.get("/articles/?person=yasar-guler&country=az").content.decode()

    assert '<label for="id_person">Official:</label>' in html
    assert 'value="yasar-guler"' in html
    assert '<option value="AZ" selected>Azerbaijan</option>' in html
    assert 'href="/articles/">Clear filters</a>' in html
    assert '<label for="id_person">' not in client.get("/articles/").content.decode()


def test_filtersets_keep_a_stable_order(db):
    first = ArticleFactory(published=True)
    tied = [first] + [
        ArticleFactory(published=True, published_at=first.published_at) for _ in range(5)
    ]

    ordered = list(ArticleFilter({}, queryset=Article.objects.published()).qs)

    # Same publication time: the id breaks the tie, so pages never swap rows between them.
    assert [a.pk for a in ordered] == sorted((a.pk for a in tied), reverse=True)


def test_filtersets_are_shared_with_the_api():
    from events.views import OfficialListView
    from partners.api import ArticleListApi, MeetingListApi, PersonListApi

    assert ArticleListApi.filterset_class is ArticleFilter
    assert MeetingListApi.filterset_class is MeetingFilter
    assert PersonListApi.filterset_class is OfficialFilter
    assert OfficialListView.filterset_class is OfficialFilter


def test_meeting_filter_by_country_pair_in_either_order(seeded):
    for pair in ("az-tr", "TR-az"):
        found = MeetingFilter({"pair": pair}, queryset=Meeting.objects.all()).qs
        assert {m.slug for m in found} == {
            "hasanov-guler-talks-adex-2024",
            "hasanov-ssb-delegation-adex-2024",
        }
