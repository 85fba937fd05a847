"""Topics', exhibitions' and delegations' pages are stored whole (events/record_pages.py,
core.fragments): every kind of edit they show reaches the stored page in the same
transaction, in all three languages; the articles on a topic or an exhibition are read with
it; and what is served is what rendering the page now gives."""

import pytest
from django.core.cache import cache

from articles.services import article_withdraw
from core.models import Fragment
from events import record_pages
from events.models import Delegation, Exhibition, ExhibitionSeries, Meeting, Participation, Topic
from events.services import (
    delegation_save,
    exhibition_save,
    meeting_delete,
    meeting_publish,
    meeting_save,
    meeting_withdraw,
    topic_save,
)
from people.models import Organisation, Person
from people.services import organisation_save, person_save
from tests.articles.factories import ArticleFactory
from tests.core.fragments import assert_stored_parts_are_current
from tests.people.factories import PersonFactory

SEED_MEETING = "hasanov-guler-talks-adex-2024"


def page(client, row) -> str:
    return client.get(row.get_absolute_url()).content.decode()


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def assert_current(kind: str):
    assert_stored_parts_are_current(record_pages.PAGES[kind][0])


def test_every_edit_a_topics_page_shows_reaches_the_stored_page(seeded, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    topic = meeting.topics.first()
    current = lambda: assert_current(record_pages.TOPIC_KIND)  # noqa: E731
    current()

    topic.name = "Topic Renamed"
    topic_save(topic=topic)
    assert "<h1>Topic Renamed</h1>" in page(client, topic)
    # A narrower topic placed under it, then renamed; its own page names the parent.
    narrower = Topic.objects.exclude(pk=topic.pk).exclude(parent=topic).first()
    narrower.parent = topic
    topic_save(topic=narrower)
    narrower.name = "Narrower Renamed"
    topic_save(topic=narrower)
    assert "Narrower Renamed" in page(client, topic)
    topic.name = "Parent Renamed"
    topic_save(topic=topic)
    assert "Parent Renamed" in page(client, narrower)
    current()

    # A participant of a meeting on it renamed: the meeting's card names the principals.
    guler = Person.objects.get(slug="yasar-guler")
    guler.name = "Güler Renamed"
    person_save(person=guler)
    assert "Güler Renamed" in section(page(client, topic), "meetings")
    current()

    # The meeting withdrawn leaves the page, and comes back when published again.
    meeting_withdraw(meeting=meeting)
    assert meeting.title not in page(client, topic)
    current()
    meeting = meeting_publish(meeting=Meeting.objects.get(pk=meeting.pk))
    assert meeting.title in section(page(client, topic), "meetings")
    current()

    # The topic taken off the meeting; the meeting deleted from another topic's page.
    meeting_save(meeting=meeting, related=lambda: meeting.topics.remove(topic))
    assert meeting.title not in page(client, topic)
    other = meeting.topics.first()
    assert meeting.title in section(page(client, other), "meetings")
    meeting_delete(meeting=meeting)
    assert meeting.title not in page(client, other)
    current()


def test_every_edit_an_exhibitions_page_shows_reaches_the_stored_page(seeded, client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    exhibition = Exhibition.objects.get(pk=meeting.exhibition_id)
    current = lambda: assert_current(record_pages.EXHIBITION_KIND)  # noqa: E731
    current()

    # The organiser renamed; another edition of the series recorded, then renamed.
    organiser = Organisation.objects.first()
    exhibition.organiser = organiser
    exhibition_save(exhibition=exhibition)
    organiser.name = "Organiser Renamed"
    organisation_save(organisation=organiser)
    assert "Organiser Renamed" in page(client, exhibition)
    series = ExhibitionSeries.objects.get(pk=exhibition.series_id)
    edition = Exhibition(
        series=series,
        edition=1,
        name="First Edition",
        slug="first-edition",
        start_date=exhibition.start_date.replace(year=2010),
        end_date=exhibition.end_date.replace(year=2010),
        city="Baku",
        country="AZ",
    )
    exhibition_save(exhibition=edition)
    edition.name = "First Edition Renamed"
    exhibition_save(exhibition=edition)
    assert "First Edition Renamed" in section(page(client, exhibition), "editions")
    current()

    # A role changed in a meeting held there; the meeting withdrawn.
    participation = meeting.participations.get(role="guest")

    def demote():
        participation.role = "member"
        participation.save()

    meeting_save(meeting=meeting, related=demote)
    assert "Also taking part" in section(page(client, exhibition), "meetings")
    current()
    meeting_withdraw(meeting=meeting)
    assert meeting.title not in page(client, exhibition)
    current()


def test_every_edit_a_delegations_page_shows_reaches_the_stored_page(seeded, client):
    delegation = Delegation.objects.get()
    current = lambda: assert_current(record_pages.DELEGATION_KIND)  # noqa: E731
    current()

    delegation.name = "Delegation Renamed"
    delegation_save(delegation=delegation)
    assert "Delegation Renamed" in page(client, delegation)
    organisation = Organisation.objects.get(pk=delegation.organisation_id)
    organisation.name = "Sender Renamed"
    organisation_save(organisation=organisation)
    assert "Sender Renamed" in page(client, delegation)
    head = Person.objects.get(pk=delegation.head_id)
    head.name = "Head Renamed"
    person_save(person=head)
    assert "Head Renamed" in page(client, delegation)
    current()

    # Its part in a meeting it is not recorded as attending: an official joins in its name.
    meeting = Meeting.objects.exclude(delegations=delegation).first()
    joining = PersonFactory(name="Joining Official")

    def join():
        Participation.objects.create(
            meeting=meeting, person=joining, role="member", side="TR", delegation=delegation
        )

    meeting_save(meeting=meeting, related=join)
    assert f'{joining.name}</a> <span class="muted">(delegation member)' in page(client, delegation)
    current()
    meeting_withdraw(meeting=meeting)
    assert meeting.title not in page(client, delegation)
    current()


@pytest.mark.parametrize("model", [Topic, Exhibition])
def test_the_articles_on_it_are_read_with_the_stored_page(seeded, client, model):
    row = model.objects.first()
    tagged = {"topics": [row]} if model is Topic else {"exhibitions": [row]}
    article = ArticleFactory(published=True, headline="A report on it", **tagged)
    assert "A report on it" in section(page(client, row), "articles")
    article_withdraw(article=article)
    assert "A report on it" not in page(client, row)


@pytest.mark.parametrize("kind", list(record_pages.PAGES))
def test_the_stored_page_is_the_page_rendered_now(seeded, client, kind):
    spec = record_pages.PAGES[kind][0]
    row = spec.public().first()
    paths = [f"{prefix}{row.get_absolute_url()}" for prefix in ("", "/az", "/tr")]
    served = {path: client.get(path).content for path in paths}
    assert Fragment.objects.filter(kind=kind, object_id=row.pk).count() == 3
    Fragment.objects.filter(kind=kind).delete()
    cache.clear()
    assert {path: client.get(path).content for path in paths} == served
