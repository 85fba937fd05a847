"""The article page's own parts are rendered on write (articles/pages.py, core/fragments.py):
every kind of edit the page shows reaches the stored parts in the same transaction, in all
three languages, the dateline's date included although the partner document does not carry
it; an article that leaves the public set has none; and the page is served from them."""

from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import pages
from articles.models import Article
from articles.services import (
    article_publish,
    article_save,
    article_schedule,
    article_withdraw,
)
from core import fragments
from core.models import Fragment
from events.models import Exhibition, Meeting, Participation, Topic
from events.services import exhibition_save, meeting_save, topic_save
from people.models import Organisation, Person, Position
from people.services import organisation_save, person_save, position_save
from tests.admin_pages import open_form
from tests.articles.factories import ArticleFactory
from tests.core.fragments import assert_stored_parts_are_current, stored

SEED_ARTICLE = "azerbaijan-turkiye-defence-talks-adex-2024"
PAGE = f"/articles/{SEED_ARTICLE}/"


def aside(client, path: str = PAGE) -> str:
    html = client.get(path).content.decode()
    return html[html.index('<aside class="related-grid"') :]


def assert_current():
    assert_stored_parts_are_current(pages.PAGES)


def test_every_edit_the_page_shows_reaches_the_stored_parts(seeded, client):
    article = Article.objects.get(slug=SEED_ARTICLE)
    assert_current()

    # The article's own text.
    article.body = article.body.replace("held talks", "held long talks", 1)
    article_save(article=article)
    assert "held long talks" in client.get(PAGE).content.decode()
    assert_current()

    # The dateline's date, which the partner document does not carry: titles as held then.
    guler = 'Yaşar Güler</a>, <span class="title">'
    assert f"{guler}Minister of National Defence of Türkiye" in aside(client)
    article.dateline_date = date(2020, 1, 15)
    article_save(article=article)
    assert f"{guler}Chief of the General Staff of Türkiye" in aside(client)
    assert "Titles as held on 15 January 2020." in aside(client)
    assert_current()
    article.dateline_date = date(2024, 9, 24)
    article_save(article=article)

    # A title retitled, on the official's position.
    person = Person.objects.get(slug="yasar-guler")
    position = Position.objects.get(person=person, title__startswith="Minister of National")
    position.title = "Minister of National Defence (retitled)"
    position_save(position=position)
    assert f"{guler}Minister of National Defence (retitled)" in aside(client)
    assert_current()

    # An official renamed.
    person.name = "Yaşar Güler Renamed"
    person_save(person=person)
    assert 'Yaşar Güler Renamed</a>, <span class="title">' in aside(client)
    assert_current()

    # An organisation, a topic and an exhibition renamed.
    organisation = Organisation.objects.get(pk=article.organisations.first().pk)
    organisation.name = "Organisation Renamed"
    organisation_save(organisation=organisation)
    topic = Topic.objects.get(pk=article.topics.first().pk)
    topic.name = "Topic Renamed"
    topic_save(topic=topic)
    exhibition = Exhibition.objects.get(pk=article.exhibitions.first().pk)
    exhibition.name = "Exhibition Renamed"
    exhibition_save(exhibition=exhibition)
    shown = aside(client)
    for name in ("Organisation Renamed", "Topic Renamed", "Exhibition Renamed"):
        assert f">{name}" in shown, name
    assert_current()

    # A meeting it reports: the card's principals follow a participant's role.
    meeting = Meeting.objects.get(slug="hasanov-guler-talks-adex-2024")

    def card():
        return aside(client).split(f">{meeting.title}</a>")[1].split("</li>")[0]

    assert "Yaşar Güler Renamed" in card()

    def demote():
        Participation.objects.filter(meeting=meeting, person=person).update(role="member")

    meeting_save(meeting=meeting, related=demote)
    assert "Yaşar Güler Renamed" not in card()
    assert_current()


def test_an_article_leaving_the_public_set_takes_its_parts_along(seeded, client):
    article = Article.objects.get(slug=SEED_ARTICLE)
    for leave in (
        lambda: article_withdraw(article=article),
        lambda: article_schedule(article=article, at=timezone.now() + timedelta(days=3)),
    ):
        article_publish(article=Article.objects.get(pk=article.pk))
        assert client.get(PAGE).status_code == 200
        leave()
        assert not Fragment.objects.filter(kind=pages.KIND, object_id=article.pk).exists()
        assert client.get(PAGE).status_code == 404
        assert_current()


def test_the_page_is_served_whole_from_the_stored_row_with_its_related_articles_read_live(
    seeded, client
):
    article = Article.objects.get(slug=SEED_ARTICLE)
    ArticleFactory(published=True, headline="Sharing a topic", topics=[article.topics.first()])
    # A marker only the stored rows have, and the slot of the related articles.
    for row in Fragment.objects.filter(kind=pages.KIND, object_id=article.pk):
        row.parts = {**row.parts, "document": f"<p>stored page</p>{fragments.slot('related')}"}
        row.save()
    for path in (PAGE, f"/tr{PAGE}"):
        html = client.get(path).content.decode()
        assert html.startswith("<p>stored page</p>")
        assert "Sharing a topic" in html[html.index('id="related-articles"') :]
    assert "İlgili makaleler" in client.get(f"/tr{PAGE}").content.decode()
    # A query string (a campaign's tag) is rendered: the stored page's links carry none.
    assert "stored page" not in client.get(f"{PAGE}?ref=mail").content.decode()

    # Rows holding parts only (stored before pages were stored whole): the parts serve.
    for row in Fragment.objects.filter(kind=pages.KIND, object_id=article.pk):
        row.parts = {**row.parts, "aside": '<p id="stored-aside">stored</p>'}
        del row.parts["document"]
        row.save()
    cache.clear()
    assert '<p id="stored-aside">stored</p>' in client.get(PAGE).content.decode()

    # Without the rows (a deploy changed the templates, say), the page renders them itself.
    Fragment.objects.filter(kind=pages.KIND).delete()
    cache.clear()  # the rows were changed behind the change log's back
    with CaptureQueriesContext(connection) as queries:
        html = client.get(PAGE).content.decode()
    assert "People in this article" in html and "stored-aside" not in html
    assert "Sharing a topic" in html[html.index('id="related-articles"') :]
    assert any("people_position" in query["sql"] for query in queries)
    # ...and stores nothing on a read: the change log and publish_documents do.
    assert not stored(pages.KIND)


def test_the_stored_page_is_the_page_rendered_now(seeded, client):
    """Byte for byte, in each language: served stored, and rendered with no stored row."""
    ArticleFactory(published=True, headline="Neighbour", people=[Person.objects.first()])
    paths = [f"{prefix}{PAGE}" for prefix in ("", "/az", "/tr")]
    served = {path: client.get(path).content for path in paths}
    assert all(b"Neighbour" in html for html in served.values())
    Fragment.objects.filter(kind=pages.KIND).delete()
    cache.clear()
    assert {path: client.get(path).content for path in paths} == served


def test_a_published_neighbour_enters_the_stored_page_and_leaves_it_when_withdrawn(seeded, client):
    article = Article.objects.get(slug=SEED_ARTICLE)
    neighbour = ArticleFactory(
        published=True, headline="Same meeting", meetings=[article.meetings.first()]
    )
    assert "Same meeting" in aside(client)
    assert_current()
    article_withdraw(article=neighbour)
    assert "Same meeting" not in aside(client)
    assert_current()


def test_the_stored_page_reads_none_of_the_rows_its_parts_show(seeded, client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    sql = " ".join(query["sql"] for query in queries)
    assert "core_fragment" in sql
    for table in ("people_position", "people_personalias", "events_participation"):
        assert table not in sql, table


def test_an_editors_save_in_the_admin_reaches_the_page(seeded, desk, client):
    """The dateline's date changed on the rendered change form: the page gives the titles of
    that day at once."""
    article = Article.objects.get(slug=SEED_ARTICLE)
    client.get(PAGE)  # in the page cache
    form = open_form(desk, f"/admin/articles/article/{article.pk}/change/")
    form["dateline_date"] = "15/01/2020"
    assert form.submit("_save").status_code == 302
    assert 'Yaşar Güler</a>, <span class="title">Chief of the General Staff' in aside(client)
    assert_current()


def test_a_neighbours_new_headline_reaches_the_page_through_its_card_alone(
    seeded, client, monkeypatch
):
    article = Article.objects.get(slug=SEED_ARTICLE)
    neighbour = ArticleFactory(
        published=True, headline="Same meeting", meetings=[article.meetings.first()]
    )
    rendered = []
    refresh = fragments.refresh
    monkeypatch.setattr(
        fragments,
        "refresh",
        lambda kind, ids: rendered.append((kind, set(ids))) or refresh(kind, ids),
    )
    neighbour.headline = "Same meeting, retitled"
    neighbour.body = neighbour.body + "<p>One more paragraph.</p>"
    article_save(article=neighbour)
    assert "Same meeting, retitled" in aside(client)
    # Only what makes articles related (meetings, people, topics, date) renders the
    # neighbours' pages again: here the neighbour's own page alone.
    assert (pages.KIND, {neighbour.pk}) in rendered
    assert not any(kind == pages.KIND and article.pk in ids for kind, ids in rendered)
    assert_current()

    # Its meetings changed: the story's page is rendered again, and no longer lists it.
    article_save(article=neighbour, related=lambda: neighbour.meetings.clear())
    assert any(kind == pages.KIND and article.pk in ids for kind, ids in rendered)
    assert "Same meeting, retitled" not in aside(client)
    assert_current()
