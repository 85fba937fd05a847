"""/search/: every spelling of every official, bad queries, drafts, escaping, facets."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, ArticleStatus
from people.models import Person

SEED = json.loads(
    (Path(__file__).resolve().parents[2] / "seeds/data/001_adex_2024.json").read_text("utf-8")
)
SPELLINGS = [
    (person["slug"], spelling)
    for person in SEED["people"]
    for spelling in [person["name"], *(alias["name"] for alias in person.get("aliases", []))]
]


def search(client, **params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return response


def people_found(response) -> set[str]:
    results = response.context["results"]
    group = next(g for g in results.groups if g.kind == "people")
    return {p.slug for p in group.items}


@pytest.mark.parametrize(("slug", "spelling"), SPELLINGS)
def test_each_official_is_found_by_every_spelling(client, seeded, slug, spelling):
    response = search(client, q=spelling)
    assert slug in people_found(response)
    person = Person.objects.get(slug=slug)
    assert person.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("spelling", ["hasanov", "HƏSƏNOV", "Həsənov", "Zakir Hasanov"])
def test_article_found_by_a_name_in_any_spelling(client, seeded, spelling):
    article = Article.objects.get()
    response = search(client, q=spelling)
    assert article.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("spelling", ["Türkiye", "Turkiye", "TÜRKİYE", "Güler", "GULER", "Bağcı"])
def test_turkish_letters_fold_both_ways(client, seeded, spelling):
    response = search(client, q=spelling)
    assert response.context["results"].total > 0


def test_surname_alone_and_word_start(client, seeded):
    assert "haluk-gorgun" in people_found(search(client, q="görg"))
    # A word must start with the term: 'uler' is inside 'Güler', not the start of a word.
    assert not Person.objects.matching("uler").exists()
    assert Person.objects.matching("GÜL").get().slug == "yasar-guler"


def test_organisations_by_acronym_and_alias(client, seeded):
    for query in ("SSB", "Savunma Sanayii", "Secretariat of Defense Industries", "msb"):
        results = search(client, q=query).context["results"]
        group = next(g for g in results.groups if g.kind == "organisations")
        assert group.count >= 1, query


def test_exhibitions_and_meetings_are_searched(client, seeded):
    results = search(client, q="ADEX").context["results"]
    counts = {f.value: f.count for f in results.types}
    assert counts["exhibitions"] >= 1
    assert counts["articles"] >= 1


def test_drafts_never_appear(client, seeded):
    article = Article.objects.get()
    article.status = ArticleStatus.DRAFT
    article.save()
    response = search(client, q="Hasanov")
    assert response.context["results"].groups[0].count == 0
    assert article.get_absolute_url() not in response.content.decode()


def test_headline_match_is_highlighted_and_text_escaped(client, seeded):
    article = Article.objects.get()
    article.headline = "Hasanov <script>alert(1)</script> & Güler"
    article.save()
    html = search(client, q="guler").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Güler</mark>" in html


def test_query_is_escaped_in_the_page(client, seeded):
    html = search(client, q='"><img src=x onerror=alert(1)>').content.decode()
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    "query",
    [
        # Within the input guard's 2,000 characters per value; longer values and NUL bytes are
        # its 400 (core/input.py, tests/core/test_input_guard.py).
        "Hasanov " * 250,  # 2,000 characters
        "x" * 2000,
        "!!! ... ;;; --- ((( ))) *** %%% ___",
        "' OR 1=1 --",
        "Robert'); DROP TABLE articles_article;--",
        "%_%",
        "\\",
        "a:* & !b | c <-> d",
        "ə" * 2000,
    ],
)
def test_bad_queries_return_a_page(client, seeded, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    assert Article.objects.count() == 1


def test_bad_filters_are_form_errors(client, seeded):
    response = client.get(reverse("search:search"), {"q": "adex", "country": "XX", "topic": "!!"})
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.get(reverse("search:search"), {"q": "adex", "type": "articles", "page": "x9"})
    assert response.status_code == 200


def test_facets_narrow_by_type_country_and_topic(client, seeded):
    results = search(client, q="defence").context["results"]
    assert {f.value for f in results.countries} >= {"AZ", "TR"}
    assert results.topics
    by_country = search(client, q="defence", country="TR").context["results"]
    people = next(g for g in by_country.groups if g.kind == "people")
    assert all(p.country == "TR" for p in people.items)
    topic = results.topics[0].value
    by_topic = search(client, q="defence", topic=topic).context["results"]
    assert by_topic.total >= 1
    only_people = search(client, q="hasanov", type="people").context["results"]
    assert [g.kind for g in only_people.groups] == ["people"]


def test_nothing_found_says_so(client, seeded):
    html = search(client, q="zzqqxx").content.decode()
    assert "Nothing in the archive matches" in html


def test_empty_query_shows_the_form(client, db):
    response = client.get(reverse("search:search"))
    assert response.status_code == 200
    assert "results" not in response.context


@pytest.mark.parametrize(
    ("typo", "name"), [("Gorgn", "Haluk Görgün"), ("hasanof", "Zakir Həsənov")]
)
def test_a_typo_is_corrected_on_either_database(client, seeded, typo, name):
    response = search(client, q=typo)
    results = response.context["results"]
    assert results.corrected_from == typo
    assert results.did_you_mean == name
    assert people_found(response)
