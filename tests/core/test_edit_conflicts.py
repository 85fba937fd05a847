"""Two editors saving the same article or meeting: the second is told, nothing is overwritten."""

import pytest

from articles.models import Article
from events.models import Meeting
from tests.admin_pages import open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory


@pytest.mark.parametrize(
    ("make", "model", "admin_path", "field"),
    [
        (ArticleFactory, Article, "articles/article", "body"),
        (MeetingFactory, Meeting, "events/meeting", "summary"),
    ],
)
def test_second_save_of_the_same_version_is_refused_and_keeps_its_text(
    two_desks, make, model, admin_path, field
):
    first, second = two_desks
    obj = make()
    url = f"/admin/{admin_path}/{obj.pk}/change/"
    first_form = open_form(first, url)
    second_form = open_form(second, url)

    first_form[field] = "<p>The first editor's wording.</p>"
    submit(first_form)

    second_form[field] = "<p>The second editor's own wording, not to be lost.</p>"
    response = submit(second_form, expect=200)  # the form again, not a redirect

    assert "Someone else saved this" in response.text
    kept = response.forms[f"{model._meta.model_name}_form"][field].value
    assert kept == "<p>The second editor's own wording, not to be lost.</p>"
    obj.refresh_from_db()
    assert getattr(obj, field) == "<p>The first editor's wording.</p>"
    assert obj.version == 2
    assert obj.history.count() == 2  # created, then the first editor's save only


def test_after_reloading_the_second_editor_can_save(two_desks):
    first, second = two_desks
    article = ArticleFactory(headline="Ministers discuss cooperation")
    url = f"/admin/articles/article/{article.pk}/change/"
    stale = open_form(second, url)
    form = open_form(first, url)
    form["standfirst"] = "First."
    submit(form)
    stale["standfirst"] = "Second."
    submit(stale, expect=200)

    fresh = open_form(second, url)
    fresh["standfirst"] = "Second, reconciled."
    submit(fresh)
    article.refresh_from_db()
    assert (article.standfirst, article.version) == ("Second, reconciled.", 3)


def test_a_form_without_its_version_is_refused(two_desks):
    first, _ = two_desks
    article = ArticleFactory(headline="Ministers discuss cooperation")
    url = f"/admin/articles/article/{article.pk}/change/"
    form = open_form(first, url)
    # A client that drops the hidden field (an old cached page, a script).
    form.field_order = [(name, f) for name, f in form.field_order if name != "version"]
    del form.fields["version"]
    form["headline"] = "Overwritten blind"
    submit(form, expect=200)
    article.refresh_from_db()
    assert article.headline == "Ministers discuss cooperation"


def test_saves_outside_the_admin_raise_the_version_too(db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    assert article.version == 1
    article.standfirst = "Changed by a script."
    article.save()
    article.save(update_fields=["standfirst"])
    article.refresh_from_db()
    assert article.version == 3
