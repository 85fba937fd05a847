"""Bulk operations are all or nothing: an admin action that fails half-way changes no row."""

from unittest import mock

import pytest

from articles.admin import ArticleAdmin
from articles.models import Article
from articles.services import article_publish
from tests.admin_pages import run_action
from tests.articles.factories import ArticleFactory


@pytest.mark.parametrize("action", ["publish", "withdraw"])
def test_an_action_failing_on_a_later_row_changes_none(two_desks, action):
    desk, _ = two_desks
    articles = [ArticleFactory(headline=f"Bulk {n}") for n in range(3)]
    if action == "withdraw":
        for article in articles:
            article_publish(article=article)
    before = {a.pk: (a.status, a.version) for a in Article.objects.all()}
    # The admin's actions call the services it names (core.publication).
    real = ArticleAdmin.publication_services[action]
    calls = []

    def fail_on_third(*, article):
        calls.append(article.pk)
        if len(calls) == 3:
            raise RuntimeError("database refused the third row")
        return real(article=article)

    with (
        mock.patch.dict(ArticleAdmin.publication_services, {action: fail_on_third}),
        pytest.raises(RuntimeError),
    ):
        run_action(desk, "/admin/articles/article/", action, articles)
    assert len(calls) == 3  # two rows were changed before the failure ...
    after = {a.pk: (a.status, a.version) for a in Article.objects.all()}
    assert after == before  # ... and rolled back with it
