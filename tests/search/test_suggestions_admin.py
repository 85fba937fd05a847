"""Suggested tags sit above the article's tag fields and are applied by the article's own save.

Every test submits the change page as rendered (django-webtest), ticking the boxes a browser
would show.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.models import Article
from core.editors import EDITORS_GROUP, ensure_editors_group
from search.models import TagSuggestion


@pytest.fixture
def editor(db, django_user_model):
    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username="desk", password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def untagged(seeded):
    """The seed article with its people and organisations tags removed."""
    article = Article.objects.get()
    article.people.clear()
    article.organisations.clear()
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def open_form(django_app, editor, article):
    page = django_app.get(change_url(article), user=editor)
    return page, page.forms["article_form"]


def tick(form, value):
    """Tick the box with this value among the page's suggestion boxes."""
    boxes = form.fields["suggested_tags"]
    for box in boxes:
        if box._value == value:
            box.checked = True
            return
    raise AssertionError(f"no box {value} on the page")


def suggestion(article, slug):
    return TagSuggestion.objects.get(article=article, person__slug=slug)


def test_suggestions_are_listed_above_the_tag_fields(django_app, editor, untagged):
    page, _ = open_form(django_app, editor, untagged)
    html = page.text
    assert html.index("Suggested tags") < html.index('id="id_people"')
    for name in ("Zakir Həsənov", "Yaşar Güler", "Haluk Görgün"):
        assert f"<strong>{name}</strong>" in html
    pending = TagSuggestion.objects.filter(article=untagged).pending()
    assert not pending.filter(exhibition__isnull=False).exists()  # tagged already


def test_ticked_suggestions_and_an_edit_are_one_save(django_app, editor, untagged):
    _, form = open_form(django_app, editor, untagged)
    guler = suggestion(untagged, "yasar-guler")
    hasanov = suggestion(untagged, "zakir-hasanov")
    form["standfirst"] = "The ministers met at the exhibition."
    tick(form, f"tag-{guler.pk}")
    tick(form, f"dismiss-{hasanov.pk}")

    response = form.submit("_continue")

    assert response.status_code == 302
    untagged.refresh_from_db()
    assert untagged.standfirst == "The ministers met at the exhibition."
    assert list(untagged.people.values_list("slug", flat=True)) == ["yasar-guler"]
    hasanov.refresh_from_db()
    assert hasanov.dismissed
    page = response.follow()
    assert "1 tagged, 1 dismissed" in page.text
    assert "<strong>Yaşar Güler</strong>" not in page.text
    assert "<strong>Zakir Həsənov</strong>" not in page.text


def test_an_untouched_save_tags_nothing(django_app, editor, untagged):
    _, form = open_form(django_app, editor, untagged)
    assert form.submit("_continue").status_code == 302
    assert not untagged.people.exists()
    assert TagSuggestion.objects.filter(article=untagged, dismissed=True).count() == 0


def test_ticks_survive_a_form_error_and_nothing_is_applied(django_app, editor, untagged):
    _, form = open_form(django_app, editor, untagged)
    guler = suggestion(untagged, "yasar-guler")
    form["headline"] = ""
    form["standfirst"] = "Kept while the error is fixed."
    tick(form, f"tag-{guler.pk}")

    page = form.submit("_continue")

    assert page.status_code == 200
    assert not untagged.people.exists()
    again = page.forms["article_form"]
    assert again["standfirst"].value == "Kept while the error is fixed."
    assert f'value="tag-{guler.pk}" checked' in page.text
    again["headline"] = "Hasanov and Güler meet at ADEX"
    assert again.submit("_continue").status_code == 302
    assert list(untagged.people.values_list("slug", flat=True)) == ["yasar-guler"]


def test_unknown_ranked_name_is_offered_to_record_as_an_official(django_app, editor, untagged):
    Article.objects.filter(pk=untagged.pk).update(
        body=untagged.body + "<p>General Metin Gürak joined the talks on Tuesday.</p>"
    )
    page, _ = open_form(django_app, editor, untagged)
    assert "Unknown name: <strong>General Metin Gürak</strong>" in page.text
    # Known officials written with their rank are not unknown.
    assert "Unknown name: <strong>Colonel General Karim Valiyev" not in page.text

    add = page.click("Create official", href="person/add")
    form = add.forms["person_form"]
    assert form["name"].value == "Metin Gürak"
    assert form["honorific"].value == "General"
    assert form["slug"].value == "metin-gurak"


def test_weekday_is_offered_as_the_meeting_date(django_app, editor, untagged):
    Article.objects.filter(pk=untagged.pk).update(
        body=untagged.body + "<p>The ministers met again on Monday.</p>"
    )
    untagged.refresh_from_db()
    assert untagged.dateline_date.isoformat() == "2024-09-24"  # a Tuesday
    page, _ = open_form(django_app, editor, untagged)
    assert "the text says “on Monday”, that is Monday 23 September 2024" in page.text
    add = page.click("Record the meeting")
    form = add.forms["meeting_form"]
    assert form["date"].value == "2024-09-23"
    assert form["date_precision"].value == "inferred"


def test_admin_action_tags_all_suggestions(django_app, editor, untagged):
    page = django_app.get(reverse("admin:articles_article_changelist"), user=editor)
    form = page.forms["changelist-form"]
    form["action"] = "accept_suggestions"
    form.get("_selected_action", index=0).checked = True
    assert form.submit().status_code == 302
    assert untagged.people.count() == 5


def test_viewer_sees_the_names_without_boxes(django_app, django_user_model, untagged):
    user = django_user_model.objects.create_user(username="reader", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    page = django_app.get(change_url(untagged), user=user)
    assert "Yaşar Güler" in page.text
    assert 'name="suggested_tags"' not in page.text
