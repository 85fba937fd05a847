"""docs/screenshots/: the article form, the meeting form and the preview at 1280 and 375 px.

Run by `make screenshots` (pytest on this file alone: it is not a test_ module, so the suite
does not run it). It starts the live test server with the seed story, logs in as the `editor`
account in Debian's Chromium, and writes one PNG per page and width. Each shot also checks
that the page does not scroll sideways at that width.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from articles.models import Article
from events.models import Meeting
from tests.browser.editor import log_in, make_editor

OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"
WIDTHS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 812}}


def _preview_url(article) -> str:
    """The editors' preview of the article, else (no preview view) its public page."""
    for name in ("admin:articles_article_preview", "articles:preview"):
        try:
            return reverse(name, args=[article.pk])
        except NoReverseMatch:
            continue
    return article.get_absolute_url()


def _pages():
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    meeting = Meeting.objects.get(slug="hasanov-guler-talks-adex-2024")
    return {
        "article-form": f"/admin/articles/article/{article.pk}/change/",
        "meeting-form": f"/admin/events/meeting/{meeting.pk}/change/",
        "preview": _preview_url(article),
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(seeded_server, browser, width):
    make_editor()
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    try:
        log_in(page, seeded_server.url)
        OUT.mkdir(parents=True, exist_ok=True)
        for name, path in _pages().items():
            page.goto(seeded_server.url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()
