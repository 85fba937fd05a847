"""The editors' journeys in real Chromium, as the non-superuser `editor` account.

Each journey is done the way an editor does it (typing, choosing in the autocomplete choosers,
pressing Save) and ends by reading the public page as an anonymous reader would.
"""

import re
from datetime import date

import pytest
from django.core.management import call_command

from articles.models import Article
from events.models import Meeting
from people.models import Person
from tests.browser.editor import log_in, make_editor, watch_console

pytestmark = pytest.mark.browser

ARTICLE_SLUG = "azerbaijan-turkiye-defence-talks-adex-2024"
MEETING_SLUG = "hasanov-guler-talks-adex-2024"
STORY = "/work/shared/seeds/000_4bd24df538d47e4f.txt"


@pytest.fixture
def desk(seeded_server, browser):
    """The editor logged in, in a browser context of their own."""
    make_editor()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = watch_console(page)
    log_in(page, seeded_server.url)
    page.server = seeded_server.url
    yield page
    context.close()


@pytest.fixture
def reader(browser, seeded_server):
    """An anonymous reader's browser, to check the public pages."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.server = seeded_server.url
    yield page
    context.close()


def read(reader, path: str):
    response = reader.goto(reader.server + path)
    return response.status, reader.locator("main").inner_text() if response.ok else ""


def save(page, button: str = "Save and continue editing") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def messages(page) -> str:
    return (
        page.locator("ul.messagelist").inner_text()
        if page.locator("ul.messagelist").count()
        else ""
    )


def errors(page) -> str:
    found = page.locator(".errornote, .errorlist")
    return " | ".join(found.all_inner_texts())


def choose(page, select_id: str, typed: str, option: str | None = None) -> None:
    """Pick in an autocomplete chooser: open it, type, click the offered name."""
    container = page.locator(f"#{select_id} + .select2-container, #{select_id} ~ .select2")
    container.first.click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(typed)
    page.locator(".select2-results__option", has_text=option or typed).first.click()


def type_in_body(page, text: str) -> None:
    editor = page.locator(".prose-editor .ProseMirror")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(text)


def publish_now(page) -> None:
    """The 'Publish now' button: saves the form's edits and publishes, no time typed."""
    save(page, "Publish now")


# Create and edit an article ------------------------------------------------------------------


def test_editor_creates_and_edits_an_article(desk, reader):
    desk.goto(desk.server + "/admin/articles/article/add/")
    desk.get_by_label("Headline").press_sequentially("Defence ministers agree a training calendar")
    assert desk.get_by_label("Slug").input_value() == "defence-ministers-agree-a-training-calendar"
    desk.locator(".prose-editor .ProseMirror").click()
    desk.keyboard.type("The two ministries agreed a calendar of joint exercises.")
    publish_now(desk)
    assert "Published" in messages(desk), errors(desk)

    desk.get_by_label("Standfirst").fill("A calendar for next year.")
    type_in_body(desk, "Officers will train together in spring.")
    save(desk, "Save")
    assert "was changed successfully" in messages(desk), errors(desk)

    status, text = read(reader, "/articles/defence-ministers-agree-a-training-calendar/")
    assert status == 200
    assert "A calendar for next year." in text
    assert "Officers will train together in spring." in text
    assert desk.problems == []


# Withdraw, schedule, publish now ---------------------------------------------------------------


def test_editor_withdraws_schedules_and_publishes_an_article(desk, reader):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    public = article.get_absolute_url()
    url = f"{desk.server}/admin/articles/article/{article.pk}/change/"
    assert read(reader, public)[0] == 200

    desk.goto(url)
    save(desk, "Withdraw")
    assert "Withdrawn" in messages(desk), errors(desk)
    assert read(reader, public)[0] == 404

    desk.locator("#id_schedule_at").fill("2099-06-01T09:30")
    save(desk, "Schedule")
    assert "Scheduled: it will be published at" in messages(desk), errors(desk)
    assert "Scheduled for 1 Jun 2099, 09:30" in desk.locator("#content-main").inner_text()
    assert read(reader, public)[0] == 404  # not before its time

    publish_now(desk)
    assert "Published" in messages(desk), errors(desk)
    status, text = read(reader, public)
    assert status == 200 and article.headline in text
    assert desk.problems == []


# Revert a version from history -----------------------------------------------------------------


def test_editor_reverts_an_article_from_its_history(desk, reader):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    original = article.standfirst
    desk.goto(f"{desk.server}/admin/articles/article/{article.pk}/change/")
    desk.get_by_label("Standfirst").fill("A mistaken standfirst.")
    save(desk)
    assert read(reader, article.get_absolute_url())[1].count("A mistaken standfirst.") == 1

    desk.get_by_role("link", name="History").click()
    rows = desk.locator("#change-history tbody tr")
    # Newest first: this save (one entry), then the seed's last state.
    rows.nth(1).get_by_role("link").first.click()
    with desk.expect_navigation():
        desk.get_by_role("button", name="Revert").click()
    assert "reverted" in messages(desk).lower() or "changed successfully" in messages(desk)

    _, text = read(reader, article.get_absolute_url())
    assert original in text and "A mistaken standfirst." not in text
    assert desk.problems == []


# Delete and restore a meeting --------------------------------------------------------------


def test_editor_deletes_and_restores_a_meeting(desk, reader):
    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    public = meeting.get_absolute_url()
    assert read(reader, public)[0] == 200

    desk.goto(f"{desk.server}/admin/events/meeting/{meeting.pk}/delete/")
    with desk.expect_navigation():
        desk.get_by_role("button", name=re.compile("Yes, I’m sure|Yes, I'm sure")).click()
    assert "was deleted successfully" in messages(desk)
    assert read(reader, public)[0] == 404

    desk.goto(desk.server + "/admin/events/meeting/")
    desk.get_by_role("link", name="Deleted meetings").click()
    row = desk.locator("#deleted-objects tbody tr", has_text=meeting.title)
    row.get_by_role("link", name="Restore…").click()
    with desk.expect_navigation():
        desk.get_by_role("button", name="Restore").click()
    assert "restored" in messages(desk), desk.locator("#content").inner_text()[:1500]

    status, text = read(reader, public)
    assert status == 200
    assert "Zakir Həsənov" in text and "Yaşar Güler" in text  # participants came back too
    assert desk.problems == []


# Two editors, one article --------------------------------------------------------------------


def test_second_editor_is_told_keeps_their_text_and_sees_the_first_ones_change(
    desk, browser, reader
):
    make_editor("second")
    other_context = browser.new_context(viewport={"width": 1280, "height": 900})
    second = other_context.new_page()
    log_in(second, desk.server, "second")
    article = Article.objects.get(slug=ARTICLE_SLUG)
    url = f"{desk.server}/admin/articles/article/{article.pk}/change/"
    desk.goto(url)
    second.goto(url)

    desk.get_by_label("Headline").fill("Ministers agree deeper cooperation at ADEX")
    save(desk)
    assert "changed successfully" in messages(desk), errors(desk)

    second.get_by_label("Standfirst").fill("The second editor's standfirst.")
    save(second)
    warning = errors(second)
    assert "Someone else saved this article" in warning
    assert second.get_by_label("Standfirst").input_value() == "The second editor's standfirst."
    page_text = second.locator("#content-main").inner_text()
    assert "Ministers agree deeper cooperation at ADEX" in page_text  # what the first changed

    save(second)  # saving again, deliberately, keeps both changes
    assert "changed successfully" in messages(second), errors(second)
    _, text = read(reader, article.get_absolute_url())
    assert "The second editor's standfirst." in text
    other_context.close()


# Import a story and accept its suggestions ---------------------------------------------------


def test_editor_imports_a_story_and_accepts_its_suggestions(desk, reader):
    call_command("import_article", STORY, "--date", "2024-09-24", verbosity=0)
    article = Article.objects.exclude(slug=ARTICLE_SLUG).get()
    assert read(reader, article.get_absolute_url())[0] == 404  # a draft is public nowhere

    desk.goto(f"{desk.server}/admin/articles/article/{article.pk}/change/")
    section = desk.locator("fieldset", has_text="Suggested tags")
    for name in ("Yaşar Güler", "Zakir Həsənov"):
        section.get_by_label(f"Tag {name}").check()
    desk.get_by_label("Standfirst").fill("Imported and tagged in one save.")
    publish_now(desk)
    assert "2 tagged" in messages(desk), errors(desk)

    status, text = read(reader, article.get_absolute_url())
    assert status == 200
    assert "Imported and tagged in one save." in text
    assert "Yaşar Güler" in text and "Zakir Həsənov" in text
    assert desk.problems == []


# A meeting with participants and an outcome, from the article page ----------------------------


def test_editor_records_a_meeting_from_the_article_page(desk, reader):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    desk.goto(f"{desk.server}/admin/articles/article/{article.pk}/change/")
    with desk.expect_popup() as opened:
        desk.locator("#add_id_meetings").click()
    popup = opened.value
    popup.wait_for_load_state("load")
    popup.locator("#id_title").press_sequentially("Güler meets Valiyev at ADEX 2024")
    popup.locator("#id_kind").select_option("talks")
    popup.locator("#id_cameo_code").select_option("046")
    popup.locator("#id_date").fill("24/09/2024")
    popup.locator("#id_host_country").select_option("AZ")
    popup.locator("#id_guest_country").select_option("TR")
    choose(popup, "id_participations-0-person", "Valiyev", "Kərim Vəliyev")
    popup.locator("#id_participations-0-role").select_option("host")
    choose(popup, "id_participations-1-person", "Guler", "Yaşar Güler")
    popup.locator("#id_participations-1-role").select_option("guest")
    popup.get_by_role("button", name="Add another Outcome").click()
    popup.locator("#id_outcomes-0-kind").select_option(index=1)
    popup.locator("#id_outcomes-0-title").fill("Training exchange agreed")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()

    chosen = desk.locator("#id_meetings option:checked").all_inner_texts()
    assert "Güler meets Valiyev at ADEX 2024" in chosen
    save(desk)
    assert "changed successfully" in messages(desk), errors(desk)

    meeting = Meeting.objects.get(title="Güler meets Valiyev at ADEX 2024")
    assert read(reader, meeting.get_absolute_url())[0] == 404  # a new meeting is a draft
    desk.goto(f"{desk.server}/admin/events/meeting/{meeting.pk}/change/")
    publish_now(desk)
    assert "Published" in messages(desk), errors(desk)
    status, text = read(reader, meeting.get_absolute_url())
    assert status == 200
    assert "Kərim Vəliyev" in text and "Yaşar Güler" in text
    assert "Training exchange agreed" in text
    _, text = read(reader, article.get_absolute_url())
    assert "Güler meets Valiyev at ADEX 2024" in text


# An official's positions ---------------------------------------------------------------------


def test_editor_edits_an_officials_positions(desk, reader):
    person = Person.objects.get(slug="cahit-bagci")
    desk.goto(f"{desk.server}/admin/people/person/{person.pk}/change/")
    rows = desk.locator("#positions-group tr.form-row:not(.empty-form)")
    index = rows.count() - 1  # the empty row at the end
    prefix = f"id_positions-{index}"
    # A second ambassador at the same time: refused, with the reason.
    desk.locator(f"#{prefix}-title").fill("Ambassador of Türkiye to Azerbaijan")
    choose(desk, f"{prefix}-organisation", "Embassy", "Embassy of the Republic of Türkiye")
    desk.locator(f"#{prefix}-start_date").fill("01/01/2022")
    save(desk)
    assert "already holds" in errors(desk)

    # The editor makes it what it was: a new post after the embassy.
    desk.locator(f"#{prefix}-title").fill("Deputy Minister of Foreign Affairs of Türkiye")
    desk.locator(f"#{prefix}-start_date").fill("01/01/2026")
    desk.locator(f"#{prefix}-single_holder").uncheck()
    desk.locator("#id_positions-0-end_date").fill("31/12/2025")
    save(desk)
    assert "changed successfully" in messages(desk), errors(desk)

    status, text = read(reader, person.get_absolute_url())
    assert status == 200
    assert "Deputy Minister of Foreign Affairs of Türkiye" in text
    assert person.positions.get(end_date=date(2025, 12, 31)).title.startswith("Ambassador")
    assert desk.problems == []


# What lists show of a meeting (its stored card) -----------------------------------------------


def test_editor_renames_an_official_and_moves_a_meeting_and_every_list_shows_it(desk, reader):
    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    guest = Person.objects.get(slug="yasar-guler")

    def cards() -> dict[str, str]:
        found = {}
        for path in ("/meetings/", "/az/meetings/", "/tr/", "/relations/az-tr/"):
            status, _ = read(reader, path)
            assert status == 200, path
            link = reader.get_by_role("link", name=meeting.title)
            found[path] = reader.locator("li", has=link).last.inner_text()
        return found

    desk.goto(f"{desk.server}/admin/people/person/{guest.pk}/change/")
    desk.locator("#id_name").fill("Yaşar Güler (retitled)")
    save(desk)
    assert "changed successfully" in messages(desk), errors(desk)
    for path, card in cards().items():
        assert "Yaşar Güler (retitled)" in card, path

    desk.goto(f"{desk.server}/admin/events/meeting/{meeting.pk}/change/")
    desk.locator("#id_city").fill("Ganja")
    save(desk)
    assert "changed successfully" in messages(desk), errors(desk)
    for path, card in cards().items():
        assert "Ganja" in card and "Yaşar Güler (retitled)" in card, path
    assert desk.problems == []
