"""Meeting cards are rendered on write (events/cards.py, core/fragments.py): every kind of edit
a card shows reaches the stored parts in the same transaction, in all three languages; a
draft has none; lists read them instead of rendering meetings; and parts rendered from other
templates are never served."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import fragments
from core.models import Fragment
from events import cards
from events.models import Exhibition, Meeting, Outcome, Participation
from events.services import (
    exhibition_save,
    meeting_delete,
    meeting_publish,
    meeting_save,
    meeting_withdraw,
    outcome_save,
)
from people.models import Person
from people.services import person_save
from tests.core import fragments as fragments_check
from tests.core.fragments import LANGUAGES

SEED_MEETING = "hasanov-guler-talks-adex-2024"


def stored() -> dict[tuple[int, str], dict]:
    return fragments_check.stored(cards.KIND)


def assert_stored_parts_are_current():
    fragments_check.assert_stored_parts_are_current(cards.CARDS)


def card_of(client, title: str, path: str = "/meetings/") -> str:
    html = client.get(path).content.decode()
    assert f">{title}</a>" in html, f"no card for {title!r} on {path}"
    return html.split(f">{title}</a>")[1].split("</li>")[0]


def test_the_seed_meetings_have_their_parts_stored_in_three_languages(seeded):
    assert_stored_parts_are_current()
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    with translation.override("az"):
        assert "Azərbaycan" in stored()[(meeting.pk, "az")]["kicker"]


def test_every_edit_a_card_shows_reaches_the_stored_parts(seeded, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)

    # An official renamed (the card names the principals).
    guest = meeting.participations.get(role="guest").person
    guest.name = "Yaşar Güler Renamed"
    person_save(person=guest)
    assert "Yaşar Güler Renamed" in card_of(client, meeting.title)
    assert_stored_parts_are_current()

    # A role changed: the guest becomes a delegation member, no longer a principal.
    def demote():
        Participation.objects.filter(meeting=meeting, person=guest).update(role="member")

    meeting_save(meeting=meeting, related=demote)
    card = card_of(client, meeting.title)
    assert "Also taking part:" in card and "Yaşar Güler Renamed" in card.split("Also taking")[1]
    assert_stored_parts_are_current()

    # The exhibition renamed.
    exhibition = Exhibition.objects.get(pk=meeting.exhibition_id)
    exhibition.name = "ADEX Renamed"
    exhibition_save(exhibition=exhibition)
    assert "ADEX Renamed" in card_of(client, meeting.title)
    assert_stored_parts_are_current()

    # A closing date: in the card's date, and so in the meeting's document too.
    meeting.end_date = date(2024, 9, 26)
    meeting_save(meeting=meeting)
    assert "to <time" in card_of(client, meeting.title) and "26 September 2024" in card_of(
        client, meeting.title
    )
    assert_stored_parts_are_current()

    # A topic tagged: the card does not show topics, and is left as stored (the meeting's
    # page shows them, and is rendered again).
    from events.models import Topic

    def tag():
        meeting.topics.add(Topic.objects.exclude(meetings=meeting).first())

    with CaptureQueriesContext(connection) as queries:
        meeting_save(meeting=meeting, related=tag)
    fragment_sql = [q["sql"] for q in queries if "core_fragment" in q["sql"]]
    assert any("'meeting_page'" in sql for sql in fragment_sql)
    # (The pages listing the meeting, rendered again, read its card: none writes it.)
    writes = [sql for sql in fragment_sql if not sql.startswith("SELECT")]
    assert [sql for sql in writes if "'meeting'" in sql] == []

    # An outcome added: the relation page's timeline lists it.
    outcome_save(outcome=Outcome(meeting=meeting, kind="agreement", title="Depot agreement"))
    assert "Depot agreement" in card_of(client, meeting.title, "/relations/az-tr/")
    assert_stored_parts_are_current()

    # The title in Azerbaijani and Turkish pages: the content as written, the interface not.
    meeting.title = "Talks retitled"
    meeting_save(meeting=meeting)
    assert "hosting" not in card_of(client, "Talks retitled", "/az/meetings/")
    assert_stored_parts_are_current()

    # Withdrawn, then deleted: nothing stored, no card.
    meeting_withdraw(meeting=meeting)
    assert ">Talks retitled</a>" not in client.get("/meetings/").content.decode()
    assert not Fragment.objects.filter(object_id=meeting.pk, kind=cards.KIND).exists()
    assert_stored_parts_are_current()
    meeting_delete(meeting=Meeting.objects.get(pk=meeting.pk))
    assert_stored_parts_are_current()


def test_a_draft_meeting_has_no_stored_parts_until_published(seeded, client):
    host, guest = Person.objects.filter(country="AZ")[0], Person.objects.filter(country="TR")[0]
    meeting = Meeting(
        title="Draft talks on depots",
        slug="draft-talks-on-depots",
        kind="talks",
        cameo_code="046",
        date=date(2025, 3, 4),
        host_country="AZ",
        guest_country="TR",
    )

    def participants():
        Participation.objects.create(meeting=meeting, person=host, role="host", side="AZ")
        Participation.objects.create(meeting=meeting, person=guest, role="guest", side="TR")

    meeting_save(meeting=meeting, related=participants)
    assert not Fragment.objects.filter(object_id=meeting.pk, kind=cards.KIND).exists()
    assert "Draft talks on depots" not in str(list(Fragment.objects.values_list("parts")))

    meeting_publish(meeting=meeting)
    assert {row.language for row in Fragment.objects.filter(object_id=meeting.pk)} == set(LANGUAGES)
    assert host.name in card_of(client, "Draft talks on depots")
    assert_stored_parts_are_current()


def test_lists_read_the_stored_parts_instead_of_rendering_the_meetings(seeded, client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/meetings/").status_code == 200
    sql = " ".join(query["sql"] for query in queries)
    assert "core_fragment" in sql
    assert "events_participation" not in sql and "events_outcome" not in sql


def test_parts_from_other_templates_are_rendered_again_not_served(seeded, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    Fragment.objects.filter(kind=cards.KIND, object_id=meeting.pk).update(
        stamp="rendered-by-an-older-release", parts={"link": "<a>stale</a>"}
    )
    html = client.get("/meetings/").content.decode()
    assert "stale" not in html
    assert f">{meeting.title}</a>" in html

    from django.core.management import call_command

    call_command("publish_documents", "meeting")  # what a deploy runs
    assert_stored_parts_are_current()

    # Run again, it renders nothing: every row's parts are current.
    with CaptureQueriesContext(connection) as queries:
        call_command("publish_documents", "meeting")
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert [sql for sql in writes if "core_fragment" in sql] == []


def test_a_large_fan_out_leaves_the_rendering_to_a_task(
    seeded, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(fragments, "INLINE_LIMIT", 0)
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    host = meeting.participations.get(role="host").person
    host.name = "Zakir Həsənov Renamed"
    with django_capture_on_commit_callbacks() as callbacks:
        person_save(person=host)
    # Within the request: the stale parts are gone, so pages render the meeting themselves.
    assert not Fragment.objects.filter(object_id=meeting.pk, kind=cards.KIND).exists()
    assert (
        "Zakir Həsənov Renamed"
        in fragments.parts(cards.KIND, [meeting.pk])[meeting.pk]["principals"]
    )
    for callback in callbacks:
        callback()
    assert_stored_parts_are_current()
    assert "Zakir Həsənov Renamed" in stored()[(meeting.pk, "tr")]["principals"]


def test_outcomes_are_counted_in_the_readers_language(seeded, client):
    """The seed's outcome is "several contracts", their number not reported."""
    timeline = {
        language: client.get(f"{prefix}/relations/az-tr/").content.decode()
        for language, prefix in (("en", ""), ("az", "/az"), ("tr", "/tr"))
    }
    assert "Several contracts:" in timeline["en"]
    assert "Bir neçə müqavilə:" in timeline["az"] and "Several" not in timeline["az"]
    assert "Birkaç sözleşme:" in timeline["tr"] and "Several" not in timeline["tr"]
