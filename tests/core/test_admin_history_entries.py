"""History reads as the desk worked: one entry per save, no "None", two versions compared."""

from tests.admin_pages import edit, fill, form_on, open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import TopicFactory
from tests.people.factories import PersonFactory


def test_a_save_with_new_tags_is_one_history_entry(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    topic = TopicFactory(name="Joint production")
    person = PersonFactory(name="Yaşar Güler", country="TR")
    before = article.history.count()

    edit(
        desk,
        f"/admin/articles/article/{article.pk}/change/",
        standfirst="The ministers met.",
        topics=[topic],
        people=[person],
    )

    assert article.history.count() == before + 1
    latest = article.history.first()
    assert latest.standfirst == "The ministers met."
    assert latest.history_user.username == "desk"
    # The entry records the links as saved with it.
    assert [row.topic_id for row in latest.topics.all()] == [topic.pk]
    assert [row.person_id for row in latest.people.all()] == [person.pk]


def test_adding_an_article_with_tags_is_one_entry(desk):
    topic = TopicFactory(name="Joint production")
    form = open_form(desk, "/admin/articles/article/add/")
    fill(
        desk,
        form,
        headline="Ministers meet",
        slug="ministers-meet",
        body="<p>They met.</p>",
        topics=[topic],
    )
    submit(form)

    from articles.models import Article

    article = Article.objects.get(slug="ministers-meet")
    assert [r.history_type for r in article.history.all()] == ["+"]


def test_history_page_never_prints_none_for_a_missing_reason(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    edit(desk, f"/admin/articles/article/{article.pk}/change/", standfirst="First.")
    page = desk.get(f"/admin/articles/article/{article.pk}/history/")
    table = page.html.select_one("#change-history")
    assert "None" not in table.get_text(" ")
    assert "Change reason" not in page.text


def test_any_two_versions_compare_side_by_side(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation", standfirst="Version one.")
    url = f"/admin/articles/article/{article.pk}/change/"
    edit(desk, url, standfirst="Version two.")
    edit(desk, url, standfirst="Version three.", headline="Ministers agree on cooperation")
    first, second, third = sorted(article.history.all(), key=lambda r: r.history_id)

    history = desk.get(f"/admin/articles/article/{article.pk}/history/")
    form = history.forms[[k for k in history.forms if history.forms[k].id != "logout-form"][0]]
    form["a"] = str(first.history_id)
    form["b"] = str(third.history_id)
    page = form.submit()

    assert page.status_code == 200
    rows = {
        row.th.get_text(" ", strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for row in page.html.select(".history-compare-table tbody tr")
    }
    assert rows["Standfirst changed"] == ["Version one.", "Version three."]
    assert rows["Headline changed"] == [
        "Ministers discuss cooperation",
        "Ministers agree on cooperation",
    ]
    assert "Slug" in rows  # unchanged fields are shown too, not flagged
    del second


def test_comparing_needs_two_different_versions(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    record = article.history.first()
    page = desk.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"a": record.history_id, "b": record.history_id},
        status=400,
    )
    assert "Choose two different versions." in page.text


def test_revert_is_one_entry_too(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation", standfirst="Original.")
    topic = TopicFactory(name="Joint production")
    url = f"/admin/articles/article/{article.pk}/"
    edit(desk, f"{url}change/", standfirst="Changed.", topics=[topic])
    original = article.history.order_by("history_id").first()
    count = article.history.count()

    submit(form_on(desk.get(f"{url}history/{original.history_id}/")), button=None)

    article.refresh_from_db()
    assert article.standfirst == "Original."
    assert not article.topics.exists()
    assert article.history.count() == count + 1
