"""Preview: an unpublished article or meeting, as readers will see it, for editors only."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from articles.services import article_schedule
from tests.admin_pages import open_form
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory


def assert_private_and_unindexed(page):
    cache_control = {part.strip() for part in page.headers["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert page.html.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "Preview for editors: this page is not public" in page.text


def test_the_change_form_links_to_a_preview_of_the_draft_article(desk):
    article = ArticleFactory(
        headline="Ministers discuss cooperation", standfirst="A draft standfirst."
    )
    change = desk.get(f"/admin/articles/article/{article.pk}/change/")
    preview = change.click(description="Preview", linkid=None, href="/preview/$")

    assert preview.status_code == 200
    assert preview.html.select_one("h1").get_text(strip=True) == "Ministers discuss cooperation"
    assert "A draft standfirst." in preview.text
    assert_private_and_unindexed(preview)
    assert Client().get(article.get_absolute_url()).status_code == 404  # still private


def test_a_scheduled_article_previews_with_its_coming_time(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    article_schedule(article=article, at=timezone.now() + timedelta(days=1))
    preview = desk.get(f"/admin/articles/article/{article.pk}/preview/")
    assert "Ministers discuss cooperation" in preview.text
    assert_private_and_unindexed(preview)


def test_a_draft_meeting_previews_for_editors(desk):
    meeting = MeetingFactory(title="Talks in the capital", summary="What was said in the capital.")
    page = open_form(desk, f"/admin/events/meeting/{meeting.pk}/change/").response
    preview = page.click(description="Preview", href="/preview/$")
    assert "What was said in the capital." in preview.text
    assert_private_and_unindexed(preview)
    assert Client().get(meeting.get_absolute_url()).status_code == 404


def test_nobody_but_a_logged_in_editor_opens_a_preview(db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    url = f"/admin/articles/article/{article.pk}/preview/"
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
