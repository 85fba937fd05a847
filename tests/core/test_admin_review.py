"""The review step, when EDITORIAL_REVIEW_REQUIRED is on: editors submit, seniors publish."""

import pytest
from django.contrib.auth.models import Group

from articles.models import Article
from core.editors import SENIOR_EDITORS_GROUP, ensure_editors_group
from tests.admin_pages import open_form, submit
from tests.articles.factories import ArticleFactory


@pytest.fixture
def review_required(settings):
    settings.EDITORIAL_REVIEW_REQUIRED = True


@pytest.fixture
def senior(db, django_user_model, browser_for):
    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username="senior", password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=SENIOR_EDITORS_GROUP))
    return browser_for(user)


def buttons(page) -> set[str]:
    return {button.get_text(strip=True) for button in page.html.select(".publication-panel button")}


def test_a_plain_editor_submits_for_review_and_cannot_publish(desk, review_required):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = open_form(desk, f"/admin/articles/article/{article.pk}/change/")
    assert buttons(form.response) == {"Submit for review"}
    assert "A senior editor publishes" in form.response.text
    changelist = desk.get("/admin/articles/article/").forms["changelist-form"]
    assert "publish" not in {value for value, _, _ in changelist["action"].options}

    form["standfirst"] = "Ready for a second pair of eyes."
    page = submit(form, "_submit_for_review").follow()
    assert "Submitted for review" in page.text
    article.refresh_from_db()
    assert (article.status, article.standfirst) == ("review", "Ready for a second pair of eyes.")
    assert page.html.select_one("#publication-status").get_text() == "In review"


def test_publishing_is_refused_when_review_became_required_after_the_page_opened(desk, settings):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = open_form(desk, f"/admin/articles/article/{article.pk}/change/")
    settings.EDITORIAL_REVIEW_REQUIRED = True
    shown = submit(form, "_publish", expect=200)
    assert "Publishing needs a senior editor: use Submit for review." in shown.text
    article.refresh_from_db()
    assert article.status == "draft"


def test_a_senior_editor_finds_the_articles_in_review_and_publishes_one(
    desk, senior, review_required
):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    ArticleFactory(headline="Not yet ready")
    submit(open_form(desk, f"/admin/articles/article/{article.pk}/change/"), "_submit_for_review")

    listing = senior.get("/admin/articles/article/")
    assert "1 article in review" in listing.text
    waiting = listing.click(description="list them")
    rows = [a.get_text(strip=True) for a in waiting.html.select("#result_list tbody th a")]
    assert rows == ["Ministers discuss cooperation"]

    form = open_form(senior, f"/admin/articles/article/{article.pk}/change/")
    assert {"Publish now", "Schedule"} <= buttons(form.response)
    submit(form, "_publish")
    assert list(Article.objects.published()) == [article]


def test_without_the_setting_a_plain_editor_publishes_directly(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = open_form(desk, f"/admin/articles/article/{article.pk}/change/")
    assert {"Publish now", "Submit for review", "Schedule"} <= buttons(form.response)
