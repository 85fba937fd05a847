"""The article's admin page lists untagged names from its text; one post tags them."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Article
from search.models import TagSuggestion


@pytest.fixture
def untagged(seeded):
    """The seed article with its people and organisations tags removed."""
    article = Article.objects.get()
    article.people.clear()
    article.organisations.clear()
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def suggestions_url(article):
    return reverse("admin:articles_article_suggestions", args=[article.pk])


def test_change_page_lists_untagged_names(editor_client, untagged):
    html = editor_client.get(change_url(untagged)).content.decode()
    assert "Suggested tags" in html
    for name in ("Zakir Həsənov", "Yaşar Güler", "Haluk Görgün"):
        assert f"<strong>{name}</strong>" in html
    pending = TagSuggestion.objects.filter(article=untagged).pending()
    assert pending.filter(person__slug="yasar-guler").exists()
    # The exhibition is tagged already: not offered again.
    assert not pending.filter(exhibition__isnull=False).exists()


def test_one_post_tags_every_ticked_suggestion_with_history(editor_client, untagged):
    editor_client.get(change_url(untagged))
    pending = list(TagSuggestion.objects.filter(article=untagged).pending())
    people = [s for s in pending if s.person_id]
    before = untagged.history.count()
    response = editor_client.post(
        suggestions_url(untagged), {"suggestion": [s.pk for s in pending], "accept": "1"}
    )
    assert response.status_code == 302
    assert set(untagged.people.values_list("pk", flat=True)) == {s.person_id for s in people}
    assert len(people) == 5
    assert untagged.history.count() > before
    assert untagged.history.first().history_change_reason.startswith("Accepted suggested tags")
    html = editor_client.get(change_url(untagged)).content.decode()
    assert "every person, organisation, exhibition and country named is tagged" in html


def test_dismissed_suggestions_stay_dismissed(editor_client, untagged):
    editor_client.get(change_url(untagged))
    guler = TagSuggestion.objects.get(article=untagged, person__slug="yasar-guler")
    editor_client.post(suggestions_url(untagged), {"suggestion": [guler.pk], "dismiss": "1"})
    editor_client.get(change_url(untagged))
    guler.refresh_from_db()
    assert guler.dismissed
    assert not untagged.people.filter(slug="yasar-guler").exists()
    assert (
        "<strong>Yaşar Güler</strong>"
        not in editor_client.get(change_url(untagged)).content.decode()
    )


def test_admin_action_tags_all_suggestions(editor_client, untagged):
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "accept_suggestions", "_selected_action": [untagged.pk]},
    )
    assert response.status_code == 302
    assert untagged.people.count() == 5


def test_viewer_cannot_accept(client, django_user_model, untagged):
    user = django_user_model.objects.create_user(username="reader", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    client.get(change_url(untagged))
    assert client.post(suggestions_url(untagged), {"accept": "1"}).status_code == 403
    assert untagged.people.count() == 0


def test_suggestions_url_refuses_get_and_unknown_articles(editor_client, untagged):
    assert editor_client.get(suggestions_url(untagged)).status_code == 405
    missing = reverse("admin:articles_article_suggestions", args=[999999])
    assert editor_client.post(missing, {"accept": "1"}).status_code == 404
