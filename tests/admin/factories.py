"""Small plain builders for admin tests; the seed story is not needed for these."""

from datetime import date
from itertools import count

from django.utils.text import slugify as django_slugify

from articles.models import Article, Source
from core.text import fold
from events.models import Exhibition, ExhibitionSeries, Meeting, Topic
from people.models import Organisation, Person, PersonAlias, Position

_serial = count(1)


def slugify(text: str) -> str:
    return django_slugify(fold(text))


def make_person(name: str, country: str, *, aliases=(), honorific: str = "", slug=None) -> Person:
    person = Person.objects.create(
        name=name,
        slug=slug or slugify(name) or f"person-{next(_serial)}",
        country=country,
        honorific=honorific,
    )
    for alias in aliases:
        PersonAlias.objects.create(person=person, name=alias)
    person.refresh_from_db()
    return person


def make_organisation(name: str, country: str = "", *, acronym: str = "") -> Organisation:
    return Organisation.objects.create(
        name=name, slug=slugify(name), acronym=acronym, kind="ministry", country=country
    )


def make_position(person: Person, organisation: Organisation, title: str, **dates) -> Position:
    return Position.objects.create(person=person, organisation=organisation, title=title, **dates)


def make_topic(name: str) -> Topic:
    return Topic.objects.create(name=name, slug=slugify(name))


def make_exhibition(name: str = "Trade Fair 2030", **fields) -> Exhibition:
    series, _ = ExhibitionSeries.objects.get_or_create(
        slug="trade-fair", defaults={"name": "Trade Fair", "acronym": "TF"}
    )
    values = {
        "series": series,
        "name": name,
        "slug": slugify(name),
        "start_date": date(2030, 5, 1),
        "end_date": date(2030, 5, 3),
        "city": "Baku",
        "country": "AZ",
    }
    values.update(fields)
    return Exhibition.objects.create(**values)


def make_meeting(title: str = "Talks in the capital", **fields) -> Meeting:
    values = {
        "title": title,
        "slug": slugify(title),
        "kind": "talks",
        "cameo_code": "046",
        "date": date(2030, 5, 2),
        "host_country": "AZ",
        "guest_country": "TR",
    }
    values.update(fields)
    return Meeting.objects.create(**values)


def make_source(name: str = "Example Wire") -> Source:
    return Source.objects.create(name=name, slug=slugify(name))


def make_article(headline: str = "Ministers discuss cooperation", **fields) -> Article:
    values = {
        "headline": headline,
        "slug": slugify(headline),
        "body": "<p>Two ministers met and talked.</p>",
    }
    values.update(fields)
    return Article.objects.create(**values)
