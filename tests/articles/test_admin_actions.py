from articles.models import Article
from tests.admin_pages import run_action as run_changelist_action
from tests.articles.factories import ArticleFactory


def run_action(app, action, articles):
    return run_changelist_action(app, "/admin/articles/article/", action, articles).follow()


def test_publish_action_sets_status_and_time(desk):
    drafts = [ArticleFactory(headline="One"), ArticleFactory(headline="Two")]
    assert all(a.published_at is None for a in drafts)

    response = run_action(desk, "publish", drafts)

    assert response.status_code == 200
    assert "Published: 2 articles." in response.text
    for article in drafts:
        article.refresh_from_db()
        assert article.status == "published"
        assert article.published_at is not None
    assert set(Article.objects.published()) == set(drafts)


def test_withdraw_action_withdraws_and_republishing_keeps_the_first_time(desk):
    article = ArticleFactory(headline="One")
    run_action(desk, "publish", [article])
    article.refresh_from_db()
    first_published = article.published_at

    response = run_action(desk, "withdraw", [article])

    assert "Withdrawn: 1 article." in response.text
    article.refresh_from_db()
    assert article.status == "withdrawn"
    assert not Article.objects.published().exists()

    run_action(desk, "publish", [article])
    article.refresh_from_db()
    assert article.published_at == first_published
    # Each action left a record in the article's history, credited to the editor.
    types = list(article.history.values_list("history_type", "status", "history_user__username"))
    assert types[:3] == [
        ("~", "published", "desk"),
        ("~", "withdrawn", "desk"),
        ("~", "published", "desk"),
    ]
