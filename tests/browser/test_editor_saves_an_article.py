"""An editor, not a superuser, edits an existing article's headline in Chromium and saves it.

Before the lock's version was written into the page, this save was refused as a conflict.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.browser

PASSWORD = "a-long-browser-test-password-1"
NEW_HEADLINE = "Defence chiefs of both countries agree to widen their cooperation"


@pytest.fixture
def editor_account(seeded_server):
    """The local `editor` account as create_local_editor makes it, with a known password."""
    call_command("create_local_editor", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = get_user_model().objects.get(username="editor")
    user.set_password(PASSWORD)
    user.save()
    assert user.is_staff and not user.is_superuser
    return user


def log_in(page, base_url: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_editor_edits_the_headline_saves_and_readers_see_it(seeded_server, editor_account, page):
    article = Article.objects.published().get()
    base = seeded_server.url
    log_in(page, base)

    page.goto(base + "/admin/articles/article/")
    page.locator("#result_list").get_by_role("link", name=article.headline).click()
    page.wait_for_url(re.compile(rf"/admin/articles/article/{article.pk}/change/$"))
    page.get_by_label("Headline").fill(NEW_HEADLINE)
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url(re.compile(r"/admin/articles/article/$"))
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.goto(base + article.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == NEW_HEADLINE
