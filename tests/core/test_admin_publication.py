"""Publishing from the change form's buttons, as an editor does, and what readers see after."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.services import article_publish
from events.models import Meeting
from events.services import meeting_publish
from tests.admin_pages import fill, open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory


def article_form(app, article):
    return open_form(app, f"/admin/articles/article/{article.pk}/change/")


def reader_status(obj) -> int:
    return Client().get(obj.get_absolute_url()).status_code


def test_publish_now_saves_the_edits_and_the_article_is_public_at_once(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    assert reader_status(article) == 404
    form = article_form(desk, article)
    form["headline"] = "Ministers sign a cooperation plan"
    page = submit(form, "_publish").follow()

    assert "Published: readers and partners see it now." in page.text
    assert page.html.select_one("#publication-status").get_text().startswith("Published ")
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Ministers sign a cooperation plan", "published")
    assert article.published_at is not None
    reader = Client().get(article.get_absolute_url())
    assert reader.status_code == 200
    assert "Ministers sign a cooperation plan" in reader.content.decode()


def test_save_alone_never_publishes(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = article_form(desk, article)
    form["standfirst"] = "Still being written."
    submit(form)
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("draft", None)
    assert reader_status(article) == 404


def test_schedule_needs_a_time_to_come(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = article_form(desk, article)
    form["headline"] = "Kept while the time is corrected"
    shown = submit(form, "_schedule", expect=200)
    assert "Choose the time to publish it at." in shown.text

    form = shown.forms["article_form"]
    assert form["headline"].value == "Kept while the time is corrected"
    form["schedule_at"] = (timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    shown = submit(form, "_schedule", expect=200)
    assert "Choose a time still to come, or Publish now." in shown.text
    article.refresh_from_db()
    assert (article.status, article.headline) == ("draft", "Ministers discuss cooperation")


def test_schedule_sets_the_time_shows_it_and_keeps_the_article_private(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    form = article_form(desk, article)
    form["schedule_at"] = at.strftime("%Y-%m-%dT%H:%M")
    page = submit(form, "_schedule").follow()

    article.refresh_from_db()
    assert (article.status, article.published_at) == ("scheduled", at)
    status = page.html.select_one("#publication-status").get_text()
    assert status == f"Scheduled for {at:%-d %b %Y, %H:%M} UTC"
    assert page.forms["article_form"]["schedule_at"].value == at.strftime("%Y-%m-%dT%H:%M")
    assert reader_status(article) == 404
    listing = desk.get("/admin/articles/article/")
    assert f"Scheduled for {at:%-d %b %Y, %H:%M} UTC" in listing.text


def test_withdraw_takes_it_away_and_keeps_the_first_publication_time(desk):
    article = article_publish(article=ArticleFactory(headline="Ministers discuss cooperation"))
    first = article.published_at
    page = submit(article_form(desk, article), "_withdraw").follow()
    assert "Withdrawn: readers and partners no longer see it." in page.text
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("withdrawn", first)
    assert reader_status(article) == 404
    assert "Withdrawn (first published" in desk.get("/admin/articles/article/").text


def test_a_revert_from_history_leaves_the_publication_state_alone(desk):
    article = ArticleFactory(headline="First headline")
    form = article_form(desk, article)
    form["headline"] = "Second headline"
    submit(form, "_publish")
    first = article.history.order_by("history_id").first()
    assert first.status == "draft"

    revert = open_form(desk, f"/admin/articles/article/{article.pk}/history/{first.history_id}/")
    submit(revert, None)
    article.refresh_from_db()
    assert (article.headline, article.status) == ("First headline", "published")
    assert reader_status(article) == 200


def test_the_changelist_publishes_and_withdraws_the_ticked_rows(desk):
    from tests.admin_pages import run_action

    drafts = [ArticleFactory(headline="One"), ArticleFactory(headline="Two")]
    page = run_action(desk, "/admin/articles/article/", "publish", drafts).follow()
    assert "Published: 2 articles." in page.text
    assert set(Article.objects.published()) == set(drafts)
    page = run_action(desk, "/admin/articles/article/", "withdraw", drafts[:1]).follow()
    assert "Withdrawn: 1 article." in page.text
    assert list(Article.objects.published()) == [drafts[1]]


# Meetings ----------------------------------------------------------------------------------


def add_meeting(app, **fields):
    form = open_form(app, "/admin/events/meeting/add/")
    values = {
        "title": "Defence ministers meet in the capital",
        "slug": "defence-ministers-meet-in-the-capital",
        "kind": "talks",
        "cameo_code": "046",
        "date": "2030-05-02",
        "host_country": "AZ",
        "guest_country": "TR",
    }
    fill(app, form, **(values | fields))
    return form


def public_addresses(meeting: Meeting) -> dict[str, str]:
    return {
        "list": "/meetings/",
        "detail": meeting.get_absolute_url(),
        "relation": "/relations/az-tr/",
        "search": "/search/?q=capital",
        "home": "/",
    }


def test_a_new_meeting_is_public_nowhere_until_published(desk):
    submit(add_meeting(desk))
    meeting = Meeting.objects.get(slug="defence-ministers-meet-in-the-capital")
    assert (meeting.status, meeting.published_at) == ("draft", None)
    reader = Client()
    assert reader.get(meeting.get_absolute_url()).status_code == 404
    for name, url in public_addresses(meeting).items():
        page = reader.get(url).content.decode()
        assert "Defence ministers meet" not in page, name

    page = submit(open_form(desk, f"/admin/events/meeting/{meeting.pk}/change/"), "_publish")
    assert "Published" in page.follow().html.select_one("#publication-status").get_text()
    for name, url in public_addresses(meeting).items():
        response = reader.get(url)
        assert response.status_code == 200, name
        # Its link, not its title: search marks the matched word inside the title.
        assert meeting.get_absolute_url() in response.content.decode(), name


def test_a_meeting_can_be_published_straight_from_the_add_form(desk):
    page = submit(add_meeting(desk), "_publish").follow()
    assert "Published: readers and partners see it now." in page.text
    meeting = Meeting.objects.get(slug="defence-ministers-meet-in-the-capital")
    assert meeting.is_published()
    assert reader_status(meeting) == 200


def test_withdrawing_a_meeting_hides_it_again(desk):
    meeting = meeting_publish(meeting=MeetingFactory(title="Talks in the capital"))
    assert reader_status(meeting) == 200
    submit(open_form(desk, f"/admin/events/meeting/{meeting.pk}/change/"), "_withdraw")
    meeting.refresh_from_db()
    assert meeting.status == "withdrawn"
    assert reader_status(meeting) == 404
    assert "Talks in the capital" not in Client().get("/meetings/").content.decode()


def test_the_meeting_list_shows_each_status(desk):
    MeetingFactory(title="Draft talks")
    meeting_publish(meeting=MeetingFactory(title="Public talks"))
    rows = {
        row.select_one("th").get_text(strip=True): row.select_one(".publication-status").get_text()
        for row in desk.get("/admin/events/meeting/").html.select("#result_list tbody tr")
    }
    assert rows["Draft talks"] == "Draft"
    assert rows["Public talks"].startswith("Published ")
