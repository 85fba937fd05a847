"""Article cards are rendered on write (articles/cards.py): an edit to an article or its
source reaches the stored parts in the same transaction, in all three languages; an article
leaving the public set (withdrawn, scheduled again, deleted) takes them along; a draft has
none; and lists read them instead of rendering articles."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import cards
from articles.models import Article, Source
from articles.services import (
    article_delete,
    article_publish,
    article_save,
    article_schedule,
    article_withdraw,
    source_save,
)
from core.models import Fragment
from tests.core.fragments import assert_stored_parts_are_current, stored

SEED_ARTICLE = "azerbaijan-turkiye-defence-talks-adex-2024"


def card_of(client, headline: str, path: str = "/articles/") -> str:
    html = client.get(path).content.decode()
    assert f">{headline}</a>" in html, f"no card for {headline!r} on {path}"
    return html.split(f">{headline}</a>")[1].split("</li>")[0]


def test_every_edit_a_card_shows_reaches_the_stored_parts(seeded, client):
    article = Article.objects.get(slug=SEED_ARTICLE)
    assert_stored_parts_are_current(cards.CARDS)

    article.headline = "Defence chiefs meet at ADEX"
    article.standfirst = "A shorter standfirst."
    article_save(article=article)
    assert "A shorter standfirst." in card_of(client, "Defence chiefs meet at ADEX")
    assert_stored_parts_are_current(cards.CARDS)

    # The source's short name, shown on every card of its articles.
    source = Source.objects.get(pk=article.source_id)
    source.acronym = "APA-X"
    source_save(source=source)
    assert "APA-X" in card_of(client, "Defence chiefs meet at ADEX", "/tr/")
    assert_stored_parts_are_current(cards.CARDS)

    for leave in (
        lambda: article_withdraw(article=article),
        lambda: article_schedule(article=article, at=timezone.now() + timedelta(days=3)),
    ):
        article_publish(article=Article.objects.get(pk=article.pk))
        assert stored(cards.KIND)
        leave()
        assert not Fragment.objects.filter(kind=cards.KIND, object_id=article.pk).exists()
        assert ">Defence chiefs meet at ADEX</a>" not in client.get("/articles/").content.decode()
        assert_stored_parts_are_current(cards.CARDS)

    article_publish(article=Article.objects.get(pk=article.pk))
    article_delete(article=Article.objects.get(pk=article.pk))
    assert not Fragment.objects.filter(kind=cards.KIND, object_id=article.pk).exists()


def test_a_change_the_cards_do_not_show_leaves_them_alone(seeded):
    from events.services import topic_save

    article = Article.objects.get(slug=SEED_ARTICLE)
    topic = article.topics.first()
    topic.name = "Renamed topic"
    with CaptureQueriesContext(connection) as queries:
        topic_save(topic=topic)
    assert any("core_document" in q["sql"] for q in queries)  # the article's document did
    # The article's page shows its topics; its card does not.
    fragment_sql = [q["sql"] for q in queries if "core_fragment" in q["sql"]]
    assert any("'article_page'" in sql for sql in fragment_sql)
    assert [sql for sql in fragment_sql if "'article'" in sql] == []
    assert_stored_parts_are_current(cards.CARDS)


def test_a_draft_has_no_stored_parts_until_published(seeded, client):
    draft = article_save(
        article=Article(
            headline="Draft on depot contracts", slug="draft-on-depot-contracts", body="<p>x</p>"
        )
    )
    assert not Fragment.objects.filter(kind=cards.KIND, object_id=draft.pk).exists()
    assert "Draft on depot contracts" not in str(list(Fragment.objects.values_list("parts")))

    article_publish(article=draft)
    assert "<time" in card_of(client, "Draft on depot contracts")
    assert_stored_parts_are_current(cards.CARDS)


def test_lists_read_the_stored_parts_instead_of_joining_the_sources(seeded, client):
    for path in ("/articles/", "/", "/relations/az-tr/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        sql = " ".join(query["sql"] for query in queries)
        assert "core_fragment" in sql, path
        assert "articles_source" not in sql, path
