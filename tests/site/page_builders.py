"""Plain builders for the list and detail page tests: objects with N related rows of each kind."""

from datetime import date, timedelta
from itertools import count

from django.utils import timezone

from articles.models import Article, ArticleCountry, ArticleStatus, Source
from events.models import (
    Delegation,
    DelegationMember,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    Outcome,
    Participation,
    Topic,
)
from people.models import Organisation, Person, PersonAlias, Position

_serial = count(1)


def n() -> int:
    return next(_serial)


def person(country: str = "AZ", **fields) -> Person:
    i = n()
    return Person.objects.create(
        **({"name": f"Person {i}", "slug": f"person-{i}", "country": country} | fields)
    )


def organisation(country: str = "AZ", **fields) -> Organisation:
    i = n()
    values = {"name": f"Body {i}", "slug": f"body-{i}", "kind": "ministry", "country": country}
    return Organisation.objects.create(**(values | fields))


def topic(**fields) -> Topic:
    i = n()
    return Topic.objects.create(**({"name": f"Subject {i}", "slug": f"subject-{i}"} | fields))


def exhibition(series: ExhibitionSeries | None = None, **fields) -> Exhibition:
    i = n()
    series = series or ExhibitionSeries.objects.create(name=f"Show {i}", slug=f"show-{i}")
    values = {
        "series": series,
        "name": f"Show {i}",
        "slug": f"show-edition-{i}",
        "start_date": date(2020, 1, 1) + timedelta(days=i),
        "end_date": date(2020, 1, 3) + timedelta(days=i),
        "city": "Baku",
        "country": "AZ",
    }
    return Exhibition.objects.create(**(values | fields))


def meeting(host: str = "AZ", guest: str = "TR", **fields) -> Meeting:
    i = n()
    values = {
        "title": f"Meeting {i}",
        "slug": f"meeting-{i}",
        "kind": "talks",
        "cameo_code": "046",
        "date": date(2021, 1, 1) + timedelta(days=i),
        "host_country": host,
        "guest_country": guest,
        "city": "Baku",
        # Public pages are built from published meetings; a test of drafts says so.
        "status": "published",
        "published_at": timezone.now() - timedelta(days=1),
    }
    return Meeting.objects.create(**(values | fields))


def source(**fields) -> Source:
    i = n()
    return Source.objects.create(**({"name": f"Agency {i}", "slug": f"agency-{i}"} | fields))


def article(*, published: bool = True, countries=(), **fields) -> Article:
    i = n()
    values = {
        "headline": f"Report {i}",
        "slug": f"report-{i}",
        "body": f"<p>Text of report {i}.</p>",
        "status": ArticleStatus.PUBLISHED if published else ArticleStatus.DRAFT,
        "published_at": timezone.now() - timedelta(hours=1, minutes=i) if published else None,
    }
    values |= fields
    if values["status"] == ArticleStatus.PUBLISHED and values["published_at"] > timezone.now():
        # A time still to come is a schedule: its job publishes it (articles.tasks).
        values["status"] = ArticleStatus.SCHEDULED
    created = Article.objects.create(**(values))
    for code in countries:
        ArticleCountry.objects.create(article=created, country=code)
    return created


def rich_article(related: int) -> Article:
    """A published article linked to `related` people (with positions), meetings, topics..."""
    main = article(source=source(), countries=("AZ", "TR"))
    for _ in range(related):
        official = person()
        body = organisation()
        Position.objects.create(person=official, organisation=body, title="Adviser")
        main.people.add(official)
        main.organisations.add(body)
        main.meetings.add(meeting(exhibition=exhibition()))
        main.topics.add(subject := topic())
        main.exhibitions.add(exhibition())
        other = article()
        other.topics.add(subject)
    return main


def rich_person(related: int) -> Person:
    """A person with `related` positions, meetings (each with another attendee), delegations..."""
    main = person()
    PersonAlias.objects.create(person=main, name="Alias of the main person")
    for i in range(related):
        Position.objects.create(
            person=main,
            organisation=organisation(),
            title=f"Post {i}",
            start_date=date(2000, 1, 1) + timedelta(days=i),
        )
        met = meeting(exhibition=exhibition())
        Participation.objects.create(meeting=met, person=main, role="host")
        Participation.objects.create(meeting=met, person=person("TR"), role="guest")
        group = Delegation.objects.create(name=f"Group {i}", slug=f"group-{n()}", country="AZ")
        DelegationMember.objects.create(delegation=group, person=main)
        article(countries=("AZ",)).people.add(main)
    return main


def rich_organisation(related: int) -> Organisation:
    main = organisation(parent=organisation())
    for i in range(related):
        Position.objects.create(person=person(), organisation=main, title=f"Officer {i}")
        organisation(parent=main)
        Delegation.objects.create(
            name=f"Mission {i}", slug=f"mission-{n()}", country="AZ", organisation=main
        )
        article().organisations.add(main)
    return main


def rich_meeting(related: int) -> Meeting:
    main = meeting(exhibition=exhibition(), date_precision="inferred")
    for _ in range(related):
        official = person()
        Position.objects.create(person=official, organisation=organisation(), title="Envoy")
        group = Delegation.objects.create(
            name=f"Group {n()}", slug=f"group-{n()}", country="TR", head=person("TR")
        )
        DelegationMember.objects.create(delegation=group, person=person("TR"))
        group.meetings.add(main)
        Participation.objects.create(meeting=main, person=official, role="member", delegation=group)
        main.topics.add(topic())
        outcome = Outcome.objects.create(meeting=main, kind="protocol", title=f"Protocol {n()}")
        outcome.parties.add(organisation(), organisation("TR"))
        article(source=source()).meetings.add(main)
        article(published=False).meetings.add(main)
    return main


def rich_exhibition(related: int) -> Exhibition:
    main = exhibition()
    for _ in range(related):
        met = meeting(exhibition=main)
        Participation.objects.create(meeting=met, person=person(), role="host")
        exhibition(series=main.series)
        article().exhibitions.add(main)
    return main


def rich_delegation(related: int) -> Delegation:
    main = Delegation.objects.create(
        name="Big group",
        slug=f"big-group-{n()}",
        country="TR",
        head=person("TR"),
        organisation=organisation("TR"),
    )
    for _ in range(related):
        DelegationMember.objects.create(delegation=main, person=person("TR"))
        met = meeting(exhibition=exhibition())
        main.meetings.add(met)
        Participation.objects.create(
            meeting=met, person=person("TR"), role="member", delegation=main
        )
    return main


def rich_topic(related: int) -> Topic:
    main = topic(parent=topic())
    for _ in range(related):
        topic(parent=main)
        article(source=source()).topics.add(main)
        meeting(exhibition=exhibition()).topics.add(main)
    return main
