"""The body editor in real Chromium: loads under the site's CSP and saves what it shows."""

import pytest

from articles.models import Article
from tests.browser.editor import log_in, make_editor, watch_console

pytestmark = pytest.mark.browser


def test_body_editor_loads_without_inline_code_and_formats_text(seeded_server, page):
    make_editor()
    problems = watch_console(page)
    log_in(page, seeded_server.url)
    article = Article.objects.get()
    page.goto(f"{seeded_server.url}/admin/articles/article/{article.pk}/change/")

    editor = page.locator(".prose-editor .ProseMirror")
    editor.wait_for()
    assert page.locator("textarea#id_body").is_hidden()
    menu = page.locator(".prose-editor .prose-menubar")
    assert menu.is_visible()

    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Added in the editor")
    page.screenshot(path="/tmp/deskb_editor.png", full_page=True)
    assert problems == []
