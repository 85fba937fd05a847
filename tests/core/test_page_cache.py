"""Public pages are cached, and an editor's publish or edit is visible on the next request."""

from django.test import Client

from articles.models import Article
from articles.services import article_publish, article_save, article_unpublish
from tests.articles.factories import ArticleFactory

ARTICLE = "/articles/azerbaijan-turkiye-defence-talks-adex-2024/"


def test_second_anonymous_request_is_served_from_the_cache(seeded, client):
    assert client.get("/articles/")["X-Cache"] == "miss"
    assert client.get("/articles/")["X-Cache"] == "hit"


def test_publishing_refreshes_the_cached_list(seeded, client):
    draft = article_save(
        article=Article(headline="Fresh draft on naval drills", slug="fresh", body="x")
    )
    assert "Fresh draft on naval drills" not in client.get("/articles/").content.decode()
    assert client.get("/articles/")["X-Cache"] == "hit"

    article_publish(article=draft)

    response = client.get("/articles/")
    assert response["X-Cache"] == "miss"
    assert "Fresh draft on naval drills" in response.content.decode()


def test_editing_refreshes_the_cached_article_page(seeded, client):
    assert client.get(ARTICLE).status_code == 200
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    article.headline = "Corrected headline about the ADEX talks"
    article_save(article=article)
    assert "Corrected headline about the ADEX talks" in client.get(ARTICLE).content.decode()


def test_unpublishing_removes_the_cached_article_page(seeded, client):
    assert client.get(ARTICLE).status_code == 200
    article_unpublish(
        article=Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    )
    assert client.get(ARTICLE).status_code == 404


def test_editors_are_never_served_a_cached_page(seeded, admin_user):
    anonymous = Client()
    anonymous.get("/articles/")
    editor = Client()
    editor.force_login(admin_user)
    assert "X-Cache" not in editor.get("/articles/")


def test_tagging_an_article_refreshes_its_cached_page(seeded, client):
    from events.models import Topic
    from events.services import topic_save

    topic = topic_save(topic=Topic(name="Freshly added topic", slug="freshly-added-topic"))
    assert "Freshly added topic" not in client.get(ARTICLE).content.decode()
    assert client.get(ARTICLE)["X-Cache"] == "hit"
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    article_save(article=article, related=lambda: article.topics.add(topic))
    response = client.get(ARTICLE)
    assert response["X-Cache"] == "miss"


def test_a_draft_edit_leaves_cached_pages_in_place(seeded, client):

    draft = ArticleFactory(published=False, headline="Draft nobody sees")
    assert client.get("/articles/")["X-Cache"] == "miss"
    draft.headline = "Draft nobody sees, edited"
    article_save(article=draft)
    assert client.get("/articles/")["X-Cache"] == "hit"


def test_the_version_is_raised_once_more_when_the_change_commits(
    seeded, django_capture_on_commit_callbacks
):
    from core.cache import content_version

    before = content_version()
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    article.headline = "Headline changed once"
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=article)
    assert content_version() == before + 2


def test_a_cleared_cache_starts_the_version_above_every_old_value(seeded, client):
    from django.core.cache import cache

    from core.cache import content_version

    before = content_version()
    cache.clear()
    assert content_version() > before


def test_the_version_is_never_read_from_the_database(seeded, client, django_assert_num_queries):
    client.get("/articles/")
    with django_assert_num_queries(0):
        assert client.get("/articles/")["X-Cache"] == "hit"
