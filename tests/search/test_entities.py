"""HTML entities in a body are read as the characters they stand for, never as words."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus
from core.text import html_to_text


def test_html_to_text_decodes_entities_and_keeps_paragraphs():
    assert html_to_text("<p>Ships &amp; tanks</p><p>Baku&nbsp;Expo</p>") == (
        "Ships & tanks\n\nBaku\xa0Expo"
    )


def test_ampersand_in_a_body_is_not_the_word_amp(client, db):
    published = timezone.now() - timedelta(hours=1)
    Article.objects.create(
        headline="Ships and tanks",
        slug="ships-and-tanks",
        body="<p>Navies &amp; armies met &lt;again&gt;.</p>",
        status=ArticleStatus.PUBLISHED,
        published_at=published,
    )
    listed = client.get(reverse("articles:list"), {"q": "amp"})
    assert listed.status_code == 200
    assert "ships-and-tanks" not in listed.content.decode()
    # The words themselves still match.
    listed = client.get(reverse("articles:list"), {"q": "navies armies"})
    assert "ships-and-tanks" in listed.content.decode()
