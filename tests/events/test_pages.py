"""The meeting page's own parts are rendered on write (events/pages.py, core/fragments.py):
every kind of edit the page shows reaches the stored parts in the same transaction, in all
three languages; a meeting that leaves the public set has none; and the page is served from
them."""

from datetime import date

from django.core.cache import cache

from core import fragments
from core.models import Fragment
from events import pages
from events.models import Delegation, Exhibition, Meeting, Outcome, Topic
from events.services import (
    delegation_save,
    exhibition_save,
    meeting_publish,
    meeting_save,
    meeting_withdraw,
    outcome_save,
    topic_save,
)
from people.models import Organisation, Person, Position
from people.services import organisation_save, person_save, position_save
from tests.admin_pages import open_form
from tests.articles.factories import ArticleFactory
from tests.core.fragments import assert_stored_parts_are_current

SEED_MEETING = "hasanov-guler-talks-adex-2024"
DELEGATION_MEETING = "hasanov-ssb-delegation-adex-2024"  # with a delegation and an outcome


def page(client, meeting: Meeting) -> str:
    return client.get(meeting.get_absolute_url()).content.decode()


def participants(client, meeting: Meeting) -> str:
    html = page(client, meeting)
    return html[html.index('<table class="participants') : html.index("</table>")]


def assert_current():
    assert_stored_parts_are_current(pages.PAGES)


def test_every_edit_the_page_shows_reaches_the_stored_parts(seeded, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    assert_current()

    # The meeting's own facts.
    meeting.end_date = date(2024, 9, 26)
    meeting_save(meeting=meeting)
    assert '<time datetime="2024-09-26">26 September 2024</time>' in page(client, meeting)
    assert_current()

    # A participant renamed, and the title they held that day.
    person = Person.objects.get(slug="yasar-guler")
    person.name = "Yaşar Güler Renamed"
    person_save(person=person)
    assert ">Yaşar Güler Renamed</a>" in participants(client, meeting)
    position = Position.objects.get(person=person, title__startswith="Minister of National")
    position.title = "Minister of National Defence (retitled)"
    position_save(position=position)
    assert "Minister of National Defence (retitled)" in participants(client, meeting)
    assert_current()

    # A delegation, an outcome, the outcome's party, a topic and the exhibition renamed, each
    # checked on its own: any later edit of the meeting would render the earlier ones too.
    meeting = Meeting.objects.get(slug=DELEGATION_MEETING)
    outcome = meeting.outcomes.first()
    for model, pk, save in (
        (Delegation, meeting.delegations.first().pk, delegation_save),
        (Outcome, outcome.pk, outcome_save),
        (Organisation, outcome.parties.first().pk, organisation_save),
        (Topic, meeting.topics.first().pk, topic_save),
        (Exhibition, meeting.exhibition_id, exhibition_save),
    ):
        row = model.objects.get(pk=pk)
        field = "title" if model is Outcome else "name"
        setattr(row, field, f"{model.__name__} Renamed")
        save(**{model._meta.model_name: row})
        assert f"{model.__name__} Renamed" in page(client, meeting), model
        assert_current()

    # An outcome added.
    outcome_save(outcome=Outcome(meeting=meeting, kind="agreement", title="Depot agreement"))
    assert "Depot agreement" in page(client, meeting)
    assert_current()


def test_a_meeting_leaving_the_public_set_takes_its_parts_along(seeded, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    meeting_withdraw(meeting=meeting)
    assert not Fragment.objects.filter(kind=pages.KIND, object_id=meeting.pk).exists()
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert_current()
    meeting_publish(meeting=Meeting.objects.get(pk=meeting.pk))
    assert "Participants" in page(client, meeting)
    assert_current()


def test_the_page_is_served_whole_from_the_stored_row_with_its_articles_read_live(seeded, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    # A marker only the stored rows have, and the slot of the articles reporting it.
    for row in Fragment.objects.filter(kind=pages.KIND, object_id=meeting.pk):
        row.parts = {**row.parts, "document": f"<p>stored page</p>{fragments.slot('reporting')}"}
        row.save()
    html = page(client, meeting)
    assert html.startswith("<p>stored page</p>")
    assert "Articles reporting it" in html  # read live, beside the stored page
    ArticleFactory(published=True, headline="A second report", meetings=[meeting])
    assert "A second report" in page(client, meeting)

    # Rows holding parts only (stored before pages were stored whole): the parts serve.
    for row in Fragment.objects.filter(kind=pages.KIND, object_id=meeting.pk):
        row.parts = {"meeting": '<p id="stored-meeting">stored</p>'}
        row.save()
    cache.clear()
    assert '<p id="stored-meeting">stored</p>' in page(client, meeting)

    # Without the rows (a deploy changed the templates, say), the page renders them itself.
    Fragment.objects.filter(kind=pages.KIND).delete()
    cache.clear()  # the rows were changed behind the change log's back
    html = page(client, meeting)
    assert "stored-meeting" not in html and "Yaşar Güler" in participants(client, meeting)
    assert "A second report" in html


def test_the_stored_page_is_the_page_rendered_now(seeded, client):
    """Byte for byte, in each language: served stored, and rendered with no stored row."""
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    paths = [f"{prefix}{meeting.get_absolute_url()}" for prefix in ("", "/az", "/tr")]
    served = {path: client.get(path).content for path in paths}
    Fragment.objects.filter(kind=pages.KIND).delete()
    cache.clear()
    assert {path: client.get(path).content for path in paths} == served


def test_an_editors_save_in_the_admin_reaches_the_page(seeded, desk, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    page(client, meeting)  # in the page cache
    form = open_form(desk, f"/admin/events/meeting/{meeting.pk}/change/")
    form["venue"] = "Baku Expo Center, hall 3"
    assert form.submit("_save").status_code == 302
    assert "Baku Expo Center, hall 3" in page(client, meeting)
    assert_current()
