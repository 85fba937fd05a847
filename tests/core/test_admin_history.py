"""History with revert, and restore of deleted rows, as a non-superuser editor sees them."""

from datetime import date

from django.contrib.auth.models import Permission

from events.models import Meeting, Participation
from people.models import Person
from tests.admin_pages import edit, form_on, open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import (
    DelegationFactory,
    MeetingFactory,
    OutcomeFactory,
    ParticipationFactory,
    TopicFactory,
)
from tests.people.factories import OrganisationFactory, PersonFactory, PositionFactory


def delete_through_admin(app, url):
    page = app.get(url)
    assert "Are you sure" in page.text
    submit(open_form(app, url), button=None)


def restore_through_admin(app, changelist, label):
    """From the changelist, follow 'Deleted', the row's Restore link, and confirm."""
    deleted = app.get(changelist).click(href="/deleted/$")
    row = next(
        tr
        for tr in deleted.html.select("#deleted-objects tbody tr")
        if tr.td.get_text(strip=True) == label
    )
    confirm = app.get(row.a["href"])
    response = submit(form_on(confirm), button=None).follow()
    assert response.status_code == 200
    return confirm, response


def test_an_edit_shows_in_history_and_revert_brings_back_the_earlier_values(desk):
    person = PersonFactory(name="Kərim Vəliyev", country="AZ", honorific="Colonel")
    url = f"/admin/people/person/{person.pk}/"
    edit(desk, f"{url}change/", honorific="Major General", notes="Promoted.")

    history = desk.get(f"{url}history/")
    records = list(person.history.all())
    assert "Major General" in history.text  # the change is listed
    assert [r.history_type for r in records] == ["~", "+"]
    assert records[0].honorific == "Major General"
    assert records[0].history_user.username == "desk"

    original = records[1]
    revert_url = f"{url}history/{original.history_id}/"
    page = desk.get(revert_url)
    assert "Revert" in page.text
    submit(form_on(page), button=None)

    person.refresh_from_db()
    assert (person.honorific, person.notes) == ("Colonel", "")
    latest = person.history.first()
    assert (latest.history_type, latest.history_user.username) == ("~", "desk")


def test_a_deleted_person_is_restored_with_id_aliases_positions_and_article_tags(desk):
    ministry = OrganisationFactory(name="Ministry of Defence", country="AZ")
    person = PersonFactory(
        name="Kərim Vəliyev", country="AZ", aliases=["Karim Valiyev"], honorific="Colonel"
    )
    PositionFactory(
        person=person, organisation=ministry, title="Deputy Minister", start_date=date(2021, 1, 1)
    )
    article = ArticleFactory(headline="Ministers discuss cooperation", people=[person])
    pk, created_at = person.pk, person.created_at

    delete_through_admin(desk, f"/admin/people/person/{pk}/delete/")
    assert not Person.objects.filter(pk=pk).exists()
    assert not article.people.exists()

    confirm, response = restore_through_admin(desk, "/admin/people/person/", "Kərim Vəliyev")
    page = confirm.text
    assert "Karim Valiyev" in page and "Deputy Minister" in page
    assert "was restored with 2 related rows" in response.text

    restored = Person.objects.get(pk=pk)
    assert (restored.slug, restored.honorific, restored.created_at) == (
        "karim-valiyev",
        "Colonel",
        created_at,
    )
    assert list(restored.aliases.values_list("name", flat=True)) == ["Karim Valiyev"]
    assert restored.positions.get().organisation == ministry
    assert list(Person.objects.matching("Karim")) == [restored]
    assert list(article.people.all()) == [restored]
    assert restored.history.first().history_change_reason == "Restored from deletion"
    assert "Kərim Vəliyev" not in desk.get("/admin/people/person/deleted/").text


def test_a_deleted_meeting_comes_back_with_participants_delegations_outcomes_and_tags(
    desk,
):
    host, guest = (
        PersonFactory(name="Zakir Həsənov", country="AZ"),
        PersonFactory(name="Yaşar Güler", country="TR"),
    )
    agency = OrganisationFactory(name="Defence Industry Agency", country="TR")
    topic = TopicFactory(name="Joint production")
    meeting = MeetingFactory(topics=[topic], participants=[(host, "host")])
    delegation = DelegationFactory(name="Visitors", meetings=[meeting])
    ParticipationFactory(meeting=meeting, person=guest, role="guest", delegation=delegation)
    OutcomeFactory(meeting=meeting, kind="contract", title="Contracts", parties=[agency])
    article = ArticleFactory(headline="Ministers discuss cooperation", meetings=[meeting])
    pk = meeting.pk

    delete_through_admin(desk, f"/admin/events/meeting/{pk}/delete/")
    assert not Participation.objects.exists() and not delegation.meetings.exists()

    restore_through_admin(desk, "/admin/events/meeting/", meeting.title)

    meeting = Meeting.objects.get(pk=pk)
    assert meeting.pair_key == "az-tr"
    assert list(meeting.topics.all()) == [topic]
    assert {(p.person, p.role, p.delegation) for p in meeting.participations.all()} == {
        (host, "host", None),
        (guest, "guest", delegation),
    }
    assert list(meeting.outcomes.get().parties.all()) == [agency]
    assert list(meeting.delegations.all()) == [delegation]
    assert list(article.meetings.all()) == [meeting]


def test_restore_is_refused_with_a_message_when_the_slug_was_taken_since(desk):
    person = PersonFactory(name="Kərim Vəliyev", country="AZ")
    delete_through_admin(desk, f"/admin/people/person/{person.pk}/delete/")
    PersonFactory(name="Another Kərim", country="AZ", slug="karim-valiyev")

    _, response = restore_through_admin(desk, "/admin/people/person/", "Kərim Vəliyev")

    assert "could not be restored" in response.text
    assert "Person with this Slug already exists." in response.text
    assert not Person.objects.filter(pk=person.pk).exists()


def test_restoring_needs_the_right_to_add(desk, editor):
    pk = PersonFactory(name="Kərim Vəliyev", country="AZ").pk
    Person.objects.get(pk=pk).delete()
    editor.user_permissions.set(Permission.objects.filter(codename="view_person"))
    editor.groups.clear()

    desk.get("/admin/people/person/deleted/", status=403)
    listing = desk.get("/admin/people/person/")
    assert "/deleted/" not in listing.text
    record = Person.history.filter(id=pk, history_type="-").get()
    restore_url = f"/admin/people/person/deleted/{record.history_id}/restore/"
    # A hand-made POST, with a valid CSRF token, as a forged form would send.
    token = listing.forms["logout-form"]["csrfmiddlewaretoken"].value
    desk.post(restore_url, {"csrfmiddlewaretoken": token}, status=403)
    assert not Person.objects.filter(pk=pk).exists()
