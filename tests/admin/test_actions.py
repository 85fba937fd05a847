from articles.models import Article
from tests.admin.factories import make_article


def run_action(client, action, articles):
    return client.post(
        "/admin/articles/article/",
        {"action": action, "_selected_action": [str(a.pk) for a in articles]},
        follow=True,
    )


def test_publish_action_sets_status_and_time(editor_client):
    drafts = [make_article("One"), make_article("Two")]
    assert all(a.published_at is None for a in drafts)

    response = run_action(editor_client, "publish", drafts)

    assert response.status_code == 200
    assert "Published: 2 articles." in response.content.decode()
    for article in drafts:
        article.refresh_from_db()
        assert article.status == "published"
        assert article.published_at is not None
    assert set(Article.objects.published()) == set(drafts)


def test_unpublish_action_withdraws_and_republishing_keeps_the_first_time(editor_client):
    article = make_article("One")
    run_action(editor_client, "publish", [article])
    article.refresh_from_db()
    first_published = article.published_at

    response = run_action(editor_client, "unpublish", [article])

    assert "Back to draft: 1 article." in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft"
    assert not Article.objects.published().exists()

    run_action(editor_client, "publish", [article])
    article.refresh_from_db()
    assert article.published_at == first_published
    # Each action left a record in the article's history, credited to the editor.
    types = list(article.history.values_list("history_type", "status", "history_user__username"))
    assert types[:3] == [
        ("~", "published", "desk"),
        ("~", "draft", "desk"),
        ("~", "published", "desk"),
    ]
