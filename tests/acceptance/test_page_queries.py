"""Constant cost: every list and detail page runs the same number of SQL queries for 1 or MANY
related rows (select_related / prefetch_related, no query per row)."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.changes import batch
from tests.articles.factories import ArticleFactory, SourceFactory
from tests.events.factories import (
    DelegationFactory,
    ExhibitionFactory,
    MeetingFactory,
    OutcomeFactory,
    ParticipationFactory,
    TopicFactory,
)
from tests.people.factories import OrganisationFactory, PersonFactory, PositionFactory

# A query per row shows as soon as there are two; a few more tell it from a fixed extra query.
MANY = 6


def queries(client, url: str) -> tuple[int, str]:
    # Measure the page as it is built, never a copy cached by an earlier request.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def built_at_once(build):
    """Each builder's rows written in one transaction, their documents published once."""

    def built(related: int):
        with transaction.atomic(), batch():
            return build(related)

    return built


@built_at_once
def rich_article(related: int):
    """A published article tagged with `related` people (with positions), meetings, topics..."""
    people, bodies, meetings, topics, exhibitions = [], [], [], [], []
    for _ in range(related):
        official, body = PersonFactory(), OrganisationFactory()
        PositionFactory(person=official, organisation=body, title="Adviser")
        people.append(official)
        bodies.append(body)
        meetings.append(MeetingFactory(published=True, exhibition=ExhibitionFactory()))
        topics.append(subject := TopicFactory())
        exhibitions.append(ExhibitionFactory())
        ArticleFactory(published=True, topics=[subject])
    return ArticleFactory(
        published=True,
        source=SourceFactory(),
        countries=("AZ", "TR"),
        people=people,
        organisations=bodies,
        meetings=meetings,
        topics=topics,
        exhibitions=exhibitions,
    )


@built_at_once
def rich_person(related: int):
    """A person with `related` positions, meetings (each with another attendee), delegations..."""
    main = PersonFactory(aliases=["Alias of the main person"])
    for i in range(related):
        PositionFactory(
            person=main, title=f"Post {i}", start_date=date(2000, 1, 1) + timedelta(days=i)
        )
        MeetingFactory(
            published=True,
            exhibition=ExhibitionFactory(),
            participants=[(main, "host"), (PersonFactory(country="TR"), "guest")],
        )
        DelegationFactory(country="AZ", members=[main])
        ArticleFactory(published=True, countries=("AZ",), people=[main])
    return main


@built_at_once
def rich_organisation(related: int):
    main = OrganisationFactory(parent=OrganisationFactory())
    for i in range(related):
        PositionFactory(organisation=main, title=f"Officer {i}")
        OrganisationFactory(parent=main)
        DelegationFactory(country="AZ", organisation=main)
        ArticleFactory(published=True, organisations=[main])
    return main


@built_at_once
def rich_meeting(related: int):
    main = MeetingFactory(
        published=True,
        exhibition=ExhibitionFactory(),
        date_precision="inferred",
        topics=[TopicFactory() for _ in range(related)],
    )
    for _ in range(related):
        official = PersonFactory()
        PositionFactory(person=official, title="Envoy")
        group = DelegationFactory(
            country="TR",
            head=PersonFactory(country="TR"),
            members=[PersonFactory(country="TR")],
            meetings=[main],
        )
        ParticipationFactory(meeting=main, person=official, role="member", delegation=group)
        OutcomeFactory(
            meeting=main,
            kind="protocol",
            title=f"Protocol {official.pk}",
            parties=[OrganisationFactory(), OrganisationFactory(country="TR")],
        )
        ArticleFactory(published=True, source=SourceFactory(), meetings=[main])
        ArticleFactory(meetings=[main])
    return main


@built_at_once
def rich_exhibition(related: int):
    main = ExhibitionFactory()
    for _ in range(related):
        MeetingFactory(published=True, exhibition=main, participants=[(PersonFactory(), "host")])
        ExhibitionFactory(series=main.series)
        ArticleFactory(published=True, exhibitions=[main])
    return main


@built_at_once
def rich_delegation(related: int):
    meetings = [
        MeetingFactory(published=True, exhibition=ExhibitionFactory()) for _ in range(related)
    ]
    main = DelegationFactory(
        country="TR",
        head=PersonFactory(country="TR"),
        organisation=OrganisationFactory(country="TR"),
        members=[PersonFactory(country="TR") for _ in range(related)],
        meetings=meetings,
    )
    for meeting in meetings:
        ParticipationFactory(
            meeting=meeting, person=PersonFactory(country="TR"), role="member", delegation=main
        )
    return main


@built_at_once
def rich_topic(related: int):
    main = TopicFactory(parent=TopicFactory())
    for _ in range(related):
        TopicFactory(parent=main)
        ArticleFactory(published=True, source=SourceFactory(), topics=[main])
        MeetingFactory(published=True, exhibition=ExhibitionFactory(), topics=[main])
    return main


DETAILS = {
    # builder, and a mark each of the MANY related rows leaves on the large page
    "article": (rich_article, '<span class="title">Adviser</span>'),
    "person": (rich_person, '<span class="what">Post '),
    "organisation": (rich_organisation, "<td>Officer "),
    "meeting": (rich_meeting, '<td data-label="Role">Delegation member'),
    "exhibition": (rich_exhibition, '<h3 class="item-title"><a href="/meetings/'),
    "delegation": (rich_delegation, '<h3 class="item-title"><a href="/meetings/'),
    "topic": (rich_topic, '<a href="/topics/subject-'),
}


@pytest.mark.parametrize("kind", sorted(DETAILS))
def test_detail_pages_cost_the_same_for_1_and_many_related_rows(db, client, kind):
    builder, mark = DETAILS[kind]
    small, large = builder(1), builder(MANY)

    small_count, _ = queries(client, small.get_absolute_url())
    large_count, html = queries(client, large.get_absolute_url())

    assert large_count == small_count, f"{kind}: {small_count} queries for 1, {large_count} more"
    assert small_count <= 16
    assert html.count(mark) >= MANY, f"{kind}: the {MANY} related rows are not all on the page"


def test_a_meeting_page_shows_all_its_rows_and_no_drafts(db, client):
    meeting = rich_meeting(MANY)  # MANY published and MANY draft articles report it

    _, html = queries(client, meeting.get_absolute_url())

    assert html.count("Protocol ") == MANY
    assert html.count('<h3 class="item-title"><a href="/articles/') == MANY


def _article(i):
    ArticleFactory(
        published=True, source=SourceFactory(), countries=("AZ",), topics=[TopicFactory()]
    )


def _person(i):
    PositionFactory(title="Envoy")


def _organisation(i):
    OrganisationFactory(parent=OrganisationFactory())


def _meeting(i):
    MeetingFactory(
        published=True,
        exhibition=ExhibitionFactory(),
        participants=[(PersonFactory(), "host"), (PersonFactory(), "guest")],
    )


def _exhibition(i):
    MeetingFactory(published=True, exhibition=ExhibitionFactory())


def _delegation(i):
    DelegationFactory(country="AZ", head=PersonFactory(), organisation=OrganisationFactory())


def _topic(i):
    TopicFactory(parent=TopicFactory())


LISTS = {
    "/articles/": _article,
    "/articles/?country=az&q=report": _article,
    "/officials/": _person,
    "/officials/?country=az": _person,
    "/organisations/": _organisation,
    "/meetings/": _meeting,
    "/meetings/?country=tr&date_from=2000-01-01": _meeting,
    "/exhibitions/": _exhibition,
    "/delegations/": _delegation,
    "/topics/": _topic,
}


@pytest.mark.parametrize("url", sorted(LISTS))
def test_list_pages_cost_the_same_for_1_and_many_rows(db, client, url):
    make = LISTS[url]
    make(0)
    one, _ = queries(client, url)
    for i in range(1, MANY):
        make(i)
    many, html = queries(client, url)

    assert many == one, f"{url}: {one} queries for 1 row, {many} for {MANY}"
    assert one <= 10
    assert 'class="item-title"' in html
