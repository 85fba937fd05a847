"""Typo tolerance, 'did you mean', weighted ranking, the GIN index."""

from django.db import connection
from django.urls import reverse

from articles.models import Article
from people.models import Person
from search.archive import did_you_mean, search_archive


def test_typo_finds_the_official_and_says_so(client, seeded):
    response = client.get(reverse("search:search"), {"q": "Gorgn"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.corrected_from == "Gorgn"
    assert results.did_you_mean == "Haluk Görgün"
    people = next(g for g in results.groups if g.kind == "people")
    assert [p.slug for p in people.items] == ["haluk-gorgun"]
    html = response.content.decode()
    assert "Showing results for <strong>Haluk Görgün</strong>" in html
    assert Person.objects.get(slug="haluk-gorgun").get_absolute_url() in html


def test_did_you_mean_folds_and_ignores_noise(seeded):
    assert did_you_mean("hasanof") == "Zakir Həsənov"
    assert did_you_mean("Gülr") == "Yaşar Güler"
    assert did_you_mean("qwxzv") == ""
    assert did_you_mean("!!!") == ""


def test_nothing_close_gives_no_suggestion(client, seeded):
    results = client.get(reverse("search:search"), {"q": "qqqzzzxxx"}).context["results"]
    assert results.total == 0
    assert results.did_you_mean == ""


def test_headline_outranks_body(seeded):
    base = Article.objects.get()
    in_body = Article.objects.create(
        headline="A quiet week at the port",
        slug="quiet-week",
        body="<p>Shipping resumed; the word marmalade appears only here.</p>",
        status=base.status,
        published_at=base.published_at,
    )
    in_headline = Article.objects.create(
        headline="Marmalade exports rise",
        slug="marmalade-exports",
        body="<p>Figures for the quarter.</p>",
        status=base.status,
        published_at=in_body.published_at.replace(year=in_body.published_at.year - 1),
    )
    results = search_archive("marmalade")
    articles = next(g for g in results.groups if g.kind == "articles")
    assert list(articles.items) == [in_headline, in_body]


def test_article_search_uses_the_gin_index(seeded):
    qs = Article.objects.matching("hasanov").order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = qs.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_search_document" in plan
