"""Any earlier version and any deleted article or meeting comes back from the history."""

from articles.models import Article, ArticleCountry
from events.models import Meeting
from tests.admin.factories import make_article, make_meeting, make_topic
from tests.admin.forms import page_form_data


def save_through_admin(client, url, **changes):
    page = client.get(url)
    assert page.status_code == 200
    data = page_form_data(page)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def revert_through_admin(client, admin_path, obj, record):
    url = f"/admin/{admin_path}/{obj.pk}/history/{record.history_id}/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, page_form_data(page))
    assert response.status_code == 302, response.context["errors"]


def test_an_article_goes_back_to_any_earlier_version(two_editors):
    desk, _ = two_editors
    article = make_article("First wording", standfirst="One.")
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


def test_a_revert_does_not_overwrite_a_save_made_after_the_history_page_was_opened(two_editors):
    first, second = two_editors
    article = make_article("Original")
    change = f"/admin/articles/article/{article.pk}/change/"
    save_through_admin(first, change, headline="Edited")
    original = article.history.order_by("history_date", "history_id").first()
    revert_url = f"/admin/articles/article/{article.pk}/history/{original.history_id}/"
    stale_revert = page_form_data(second.get(revert_url))

    save_through_admin(first, change, headline="Edited again")
    response = second.post(revert_url, stale_revert)

    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Edited again"


def test_a_meeting_goes_back_to_an_earlier_version(two_editors):
    desk, _ = two_editors
    meeting = make_meeting("Talks in the capital", summary="First account.")
    save_through_admin(
        desk, f"/admin/events/meeting/{meeting.pk}/change/", summary="Corrected account."
    )
    original = meeting.history.order_by("history_date", "history_id").first()
    revert_through_admin(desk, "events/meeting", meeting, original)
    meeting.refresh_from_db()
    assert meeting.summary == "First account."


def test_a_deleted_article_comes_back_with_its_id_countries_and_tags(two_editors):
    desk, _ = two_editors
    topic = make_topic("Air defence")
    meeting = make_meeting()
    article = make_article("Deleted by mistake", standfirst="Keep me.")
    article.topics.add(topic)
    article.meetings.add(meeting)
    ArticleCountry.objects.create(article=article, country="AZ")
    ArticleCountry.objects.create(article=article, country="TR")
    pk = article.pk

    page = desk.get(f"/admin/articles/article/{pk}/delete/")
    assert page.status_code == 200
    assert desk.post(f"/admin/articles/article/{pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    deleted = desk.get("/admin/articles/article/deleted/")
    row = next(r for r in deleted.context["rows"] if r["label"] == "Deleted by mistake")
    response = desk.post(row["restore_url"], follow=True)
    assert response.status_code == 200
    assert "was restored" in response.content.decode()

    restored = Article.objects.get(pk=pk)
    assert (restored.headline, restored.standfirst) == ("Deleted by mistake", "Keep me.")
    assert sorted(restored.countries.values_list("country", flat=True)) == ["AZ", "TR"]
    assert list(restored.topics.all()) == [topic]
    assert list(restored.meetings.all()) == [meeting]

    # And it can be edited again at once, from a freshly opened form.
    save_through_admin(desk, f"/admin/articles/article/{pk}/change/", standfirst="Kept.")
    assert Article.objects.get(pk=pk).standfirst == "Kept."


def test_a_deleted_meeting_comes_back_and_keeps_the_article_that_reported_it(two_editors):
    desk, _ = two_editors
    meeting = make_meeting("Talks to restore")
    article = make_article()
    article.meetings.add(meeting)
    pk = meeting.pk
    assert desk.post(f"/admin/events/meeting/{pk}/delete/", {"post": "yes"}).status_code == 302
    deleted = desk.get("/admin/events/meeting/deleted/")
    row = next(r for r in deleted.context["rows"] if r["label"] == "Talks to restore")
    desk.post(row["restore_url"])
    assert list(article.meetings.all()) == [Meeting.objects.get(pk=pk)]


def test_reverting_an_article_brings_back_the_topics_it_had_then(two_editors):
    desk, _ = two_editors
    air, joint = make_topic("Air defence"), make_topic("Joint production")
    article = make_article("Tagged twice")
    change = f"/admin/articles/article/{article.pk}/change/"
    save_through_admin(desk, change, topics=[str(air.pk)])
    save_through_admin(desk, change, topics=[str(joint.pk)])
    assert list(article.topics.all()) == [joint]
    # The version that lists Air defence (each save and each tag change makes a record).
    tagged_air = next(
        record
        for record in article.history.order_by("-history_date", "-history_id")
        if [link.topic_id for link in record.topics.all()] == [air.pk]
    )

    revert_through_admin(desk, "articles/article", article, tagged_air)
    assert list(article.topics.all()) == [air]
