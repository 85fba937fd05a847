"""Any earlier version and any deleted article or meeting comes back from the history."""

from articles.models import Article
from events.models import Meeting
from tests.admin_pages import edit, open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory, TopicFactory


def save_through_admin(app, url, **changes):
    edit(app, url, **changes)


def revert_through_admin(app, admin_path, obj, record):
    submit(open_form(app, f"/admin/{admin_path}/{obj.pk}/history/{record.history_id}/"), None)


def delete_through_admin(app, url):
    submit(open_form(app, url), None)


def restore_through_admin(app, changelist, label):
    deleted = app.get(f"{changelist}deleted/")
    row = next(
        tr
        for tr in deleted.html.select("#deleted-objects tbody tr")
        if tr.td.get_text(strip=True) == label
    )
    return submit(open_form(app, row.a["href"]), None).follow()


def test_an_article_goes_back_to_any_earlier_version(two_desks):
    desk, _ = two_desks
    article = ArticleFactory(headline="First wording", standfirst="One.")
    change = f"/admin/articles/article/{article.pk}/change/"
    save_through_admin(desk, change, headline="Second wording", standfirst="Two.")
    save_through_admin(desk, change, headline="Third wording", standfirst="Three.")
    first, second = article.history.order_by("history_date", "history_id")[:2]

    revert_through_admin(desk, "articles/article", article, second)
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == ("Second wording", "Two.")

    revert_through_admin(desk, "articles/article", article, first)
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == ("First wording", "One.")
    # Nothing was rewritten: every state is still in the history, newest first.
    assert list(article.history.values_list("headline", flat=True)) == [
        "First wording",
        "Second wording",
        "Third wording",
        "Second wording",
        "First wording",
    ]
    assert article.version == 5  # the counter only grows, even back to old content


def test_a_revert_does_not_overwrite_a_save_made_after_the_history_page_was_opened(two_desks):
    first, second = two_desks
    article = ArticleFactory(headline="Original")
    change = f"/admin/articles/article/{article.pk}/change/"
    save_through_admin(first, change, headline="Edited")
    original = article.history.order_by("history_date", "history_id").first()
    revert_url = f"/admin/articles/article/{article.pk}/history/{original.history_id}/"
    stale_revert = open_form(second, revert_url)

    save_through_admin(first, change, headline="Edited again")
    response = submit(stale_revert, None, expect=200)

    assert "Someone else saved this" in response.text
    article.refresh_from_db()
    assert article.headline == "Edited again"


def test_a_meeting_goes_back_to_an_earlier_version(two_desks):
    desk, _ = two_desks
    meeting = MeetingFactory(title="Talks in the capital", summary="First account.")
    save_through_admin(
        desk, f"/admin/events/meeting/{meeting.pk}/change/", summary="Corrected account."
    )
    original = meeting.history.order_by("history_date", "history_id").first()
    revert_through_admin(desk, "events/meeting", meeting, original)
    meeting.refresh_from_db()
    assert meeting.summary == "First account."


def test_a_deleted_article_comes_back_with_its_id_countries_and_tags(two_desks):
    desk, _ = two_desks
    topic = TopicFactory(name="Air defence")
    meeting = MeetingFactory()
    article = ArticleFactory(
        headline="Deleted by mistake",
        standfirst="Keep me.",
        topics=[topic],
        meetings=[meeting],
        countries=("AZ", "TR"),
    )
    pk = article.pk

    delete_through_admin(desk, f"/admin/articles/article/{pk}/delete/")
    assert not Article.objects.filter(pk=pk).exists()

    response = restore_through_admin(desk, "/admin/articles/article/", "Deleted by mistake")
    assert "was restored" in response.text

    restored = Article.objects.get(pk=pk)
    assert (restored.headline, restored.standfirst) == ("Deleted by mistake", "Keep me.")
    assert sorted(restored.countries.values_list("country", flat=True)) == ["AZ", "TR"]
    assert list(restored.topics.all()) == [topic]
    assert list(restored.meetings.all()) == [meeting]

    # And it can be edited again at once, from a freshly opened form.
    save_through_admin(desk, f"/admin/articles/article/{pk}/change/", standfirst="Kept.")
    assert Article.objects.get(pk=pk).standfirst == "Kept."


def test_a_deleted_meeting_comes_back_and_keeps_the_article_that_reported_it(two_desks):
    desk, _ = two_desks
    meeting = MeetingFactory(title="Talks to restore")
    article = ArticleFactory(meetings=[meeting])
    pk = meeting.pk
    delete_through_admin(desk, f"/admin/events/meeting/{pk}/delete/")
    restore_through_admin(desk, "/admin/events/meeting/", "Talks to restore")
    assert list(article.meetings.all()) == [Meeting.objects.get(pk=pk)]


def test_reverting_an_article_brings_back_the_topics_it_had_then(two_desks):
    desk, _ = two_desks
    air, joint = TopicFactory(name="Air defence"), TopicFactory(name="Joint production")
    article = ArticleFactory(headline="Tagged twice")
    change = f"/admin/articles/article/{article.pk}/change/"
    save_through_admin(desk, change, topics=[air])
    save_through_admin(desk, change, topics=[joint])
    assert list(article.topics.all()) == [joint]
    # The version that lists Air defence (each save and each tag change makes a record).
    tagged_air = next(
        record
        for record in article.history.order_by("-history_date", "-history_id")
        if [link.topic_id for link in record.topics.all()] == [air.pk]
    )

    revert_through_admin(desk, "articles/article", article, tagged_air)
    assert list(article.topics.all()) == [air]
