"""Saving a versioned record through the page a browser gets: only what the HTML holds is sent.

django-webtest parses the form out of the rendered page and submits it; a field the page does
not render (the lock's version, say) cannot be sent.
"""

from articles.models import Article
from events.models import Meeting
from tests.admin_pages import open_form
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory


def change_form(app, obj):
    meta = obj._meta
    return open_form(app, f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/")


def test_an_existing_article_saves_from_its_change_page(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = change_form(desk, article)
    assert form["version"].value == "1"
    form["headline"] = "Ministers agree on cooperation"
    response = form.submit("_save")
    assert response.status_code == 302, response.text
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Ministers agree on cooperation", 2)


def test_an_existing_meeting_saves_from_its_change_page(desk):
    meeting = MeetingFactory(title="Talks in the capital")
    form = change_form(desk, meeting)
    form["title"] = "Talks in the capital, second round"
    response = form.submit("_save")
    assert response.status_code == 302, response.text
    meeting.refresh_from_db()
    assert meeting.title == "Talks in the capital, second round"


def test_a_form_reshown_after_an_error_still_saves_once_corrected(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = change_form(desk, article)
    form["headline"] = ""
    shown = form.submit("_save")
    assert shown.status_code == 200
    assert "This field is required." in shown.text
    again = shown.forms["article_form"]
    again["headline"] = "Ministers meet again"
    assert again.submit("_save").status_code == 302
    article.refresh_from_db()
    assert article.headline == "Ministers meet again"


def test_a_revert_from_history_saves(desk):
    article = ArticleFactory(headline="First headline")
    form = change_form(desk, article)
    form["headline"] = "Second headline"
    form.submit("_save")
    first = article.history.order_by("history_id").first()
    revert = open_form(desk, f"/admin/articles/article/{article.pk}/history/{first.history_id}/")
    response = revert.submit()
    assert response.status_code == 302, response.text
    article.refresh_from_db()
    assert (article.headline, article.version) == ("First headline", 3)


def test_a_conflict_keeps_the_text_shows_their_changes_and_a_second_save_goes_through(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    mine = change_form(desk, article)
    mine["standfirst"] = "My standfirst."

    # Another editor saves first, through the same page.
    theirs = change_form(desk, article)
    theirs["headline"] = "Their headline"
    assert theirs.submit("_save").status_code == 302

    shown = mine.submit("_save")
    assert shown.status_code == 200
    assert "Someone else saved this article (now version 2)" in shown.text
    assert "Headline: you loaded “Ministers discuss cooperation”, it is now “Their headline”." in (
        shown.text.replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    again = shown.forms["article_form"]
    assert again["standfirst"].value == "My standfirst."  # the editor's text is kept
    assert again["version"].value == "2"
    assert Article.objects.get(pk=article.pk).standfirst == ""  # nothing saved yet

    assert again.submit("_save").status_code == 302
    article.refresh_from_db()
    assert (article.standfirst, article.version) == ("My standfirst.", 3)


def test_a_stale_meeting_form_is_refused(desk):
    meeting = MeetingFactory(title="Talks in the capital")
    stale = change_form(desk, meeting)
    Meeting.objects.filter(pk=meeting.pk).update(version=5)
    stale["title"] = "Overwritten"
    shown = stale.submit("_save")
    assert shown.status_code == 200
    assert "Someone else saved this meeting (now version 5)" in shown.text
    assert Meeting.objects.get(pk=meeting.pk).title == "Talks in the capital"
