"""Two editors saving the same article or meeting: the second is told, nothing is overwritten."""

import pytest

from articles.models import Article
from events.models import Meeting
from tests.admin.factories import make_article, make_meeting
from tests.admin.forms import page_form_data


def open_form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return page_form_data(page)


@pytest.mark.parametrize(
    ("make", "model", "admin_path", "field"),
    [
        (make_article, Article, "articles/article", "body"),
        (make_meeting, Meeting, "events/meeting", "summary"),
    ],
)
def test_second_save_of_the_same_version_is_refused_and_keeps_its_text(
    two_editors, make, model, admin_path, field
):
    first, second = two_editors
    obj = make()
    url = f"/admin/{admin_path}/{obj.pk}/change/"
    first_data = open_form(first, url)
    second_data = open_form(second, url)

    first_data[field] = "<p>The first editor's wording.</p>"
    assert first.post(url, first_data).status_code == 302

    second_data[field] = "<p>The second editor's own wording, not to be lost.</p>"
    response = second.post(url, second_data)

    assert response.status_code == 200  # the form again, not a redirect
    page = response.content.decode()
    assert "Someone else saved this" in page
    assert "second editor&#x27;s own wording, not to be lost" in page  # their text is kept
    obj.refresh_from_db()
    assert getattr(obj, field) == "<p>The first editor's wording.</p>"
    assert obj.version == 2
    assert obj.history.count() == 2  # created, then the first editor's save only


def test_after_reloading_the_second_editor_can_save(two_editors):
    first, second = two_editors
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    stale = open_form(second, url)
    data = open_form(first, url)
    data["standfirst"] = "First."
    assert first.post(url, data).status_code == 302
    stale["standfirst"] = "Second."
    assert second.post(url, stale).status_code == 200

    fresh = open_form(second, url)
    fresh["standfirst"] = "Second, reconciled."
    assert second.post(url, fresh).status_code == 302
    article.refresh_from_db()
    assert (article.standfirst, article.version) == ("Second, reconciled.", 3)


def test_a_form_without_its_version_is_refused(two_editors):
    first, _ = two_editors
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    data = open_form(first, url)
    del data["version"]
    data["headline"] = "Overwritten blind"
    assert first.post(url, data).status_code == 200
    article.refresh_from_db()
    assert article.headline == "Ministers discuss cooperation"


def test_saves_outside_the_admin_raise_the_version_too(db):
    article = make_article()
    assert article.version == 1
    article.standfirst = "Changed by a script."
    article.save()
    article.save(update_fields=["standfirst"])
    article.refresh_from_db()
    assert article.version == 3
