"""Public pages are cached, and an editor's publish or edit is visible on the next request."""

from django.test import Client

from articles.models import Article
from articles.services import article_publish, article_withdraw

ARTICLE = "/articles/azerbaijan-turkiye-defence-talks-adex-2024/"


def test_second_anonymous_request_is_served_from_the_cache(seeded, client):
    assert client.get("/articles/")["X-Cache"] == "miss"
    assert client.get("/articles/")["X-Cache"] == "hit"


def test_publishing_refreshes_the_cached_list(seeded, client):
    draft = Article.objects.create(headline="Fresh draft on naval drills", slug="fresh", body="x")
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
    article.save()
    assert "Corrected headline about the ADEX talks" in client.get(ARTICLE).content.decode()


def test_unpublishing_removes_the_cached_article_page(seeded, client):
    assert client.get(ARTICLE).status_code == 200
    article_withdraw(article=Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024"))
    assert client.get(ARTICLE).status_code == 404


def test_editors_are_never_served_a_cached_page(seeded, admin_user):
    anonymous = Client()
    anonymous.get("/articles/")
    editor = Client()
    editor.force_login(admin_user)
    assert "X-Cache" not in editor.get("/articles/")


def test_tagging_an_article_refreshes_its_cached_page(seeded, client):
    from events.models import Topic

    topic = Topic.objects.create(name="Freshly added topic", slug="freshly-added-topic")
    assert "Freshly added topic" not in client.get(ARTICLE).content.decode()
    assert client.get(ARTICLE)["X-Cache"] == "hit"
    Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024").topics.add(topic)
    response = client.get(ARTICLE)
    assert response["X-Cache"] == "miss"


def test_the_content_version_lives_in_the_database_not_in_the_cache(seeded, client):
    """A new process starts with an empty cache; it must not start counting again from 1."""
    from django.core.cache import cache

    from core.cache import content_version
    from core.models import ContentVersion

    before = content_version()
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    article.save()
    assert ContentVersion.objects.get().value == content_version() > before
    cache.clear()
    assert content_version() > before


def test_history_rows_do_not_raise_the_version_twice(seeded):
    from core.cache import content_version

    before = content_version()
    Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024").save()
    assert content_version() == before + 1


def test_a_flushed_version_row_is_recreated_above_old_values(seeded, client):
    from core.cache import content_version
    from core.models import ContentVersion

    client.get("/articles/")
    ContentVersion.objects.all().delete()
    assert content_version() == 0
    Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024").save()
    assert content_version() >= 2
    assert client.get("/articles/")["X-Cache"] == "miss"


def test_no_cached_page_outlives_the_next_scheduled_publication(seeded, client):
    from datetime import timedelta

    from django.utils import timezone

    from core.cache import seconds_until_next_publication

    assert seconds_until_next_publication(300) == 300
    Article.objects.create(
        headline="Embargoed until the talks end",
        slug="embargoed",
        body="x",
        status="published",
        published_at=timezone.now() + timedelta(seconds=40),
    )
    assert 35 <= seconds_until_next_publication(300) <= 40
    assert "Embargoed until the talks end" not in client.get("/articles/").content.decode()
