"""Plain builders for the relation, home, feed and SEO tests: meetings with everything around."""

from datetime import date, timedelta
from itertools import count

from django.utils import timezone

from articles.models import Article, ArticleCountry, ArticleStatus
from core import changes
from events.models import Meeting, Outcome, Participation, Topic
from people.models import Person

_serial = count(1)


def make_person(country: str, **fields) -> Person:
    n = next(_serial)
    values = {"name": f"Official {n}", "slug": f"official-{n}", "country": country}
    return Person.objects.create(**(values | fields))


def make_topic(**fields) -> Topic:
    n = next(_serial)
    return Topic.objects.create(**({"name": f"Topic {n}", "slug": f"topic-{n}"} | fields))


def make_meeting(host: str, guest: str, *, on: date | None = None, **fields) -> Meeting:
    n = next(_serial)
    values = {
        "title": f"Talks number {n}",
        "slug": f"talks-{n}",
        "kind": "talks",
        "cameo_code": "046",
        "date": on or date(2020, 1, 1) + timedelta(days=n),
        "host_country": host,
        "guest_country": guest,
        "city": "Tbilisi",
        # Public pages are built from published meetings; a test of drafts says so.
        "status": "published",
        "published_at": timezone.now() - timedelta(days=1),
    }
    meeting = Meeting.objects.create(**(values | fields))
    # Stored as a service would: its document, and what follows the log (the pair's figures).
    changes.record("meeting", [meeting.pk])
    return meeting


def make_article(*, countries=(), published: bool = True, **fields) -> Article:
    n = next(_serial)
    values = {
        "headline": f"Report number {n}",
        "slug": f"report-{n}",
        "body": f"<p>Body of report {n}.</p>",
        "status": ArticleStatus.PUBLISHED if published else ArticleStatus.DRAFT,
        "published_at": timezone.now() - timedelta(hours=1) if published else None,
    }
    values |= fields
    if values["status"] == ArticleStatus.PUBLISHED and values["published_at"] > timezone.now():
        # A time still to come is a schedule: its job publishes it (articles.tasks).
        values["status"] = ArticleStatus.SCHEDULED
    article = Article.objects.create(**(values))
    for code in countries:
        ArticleCountry.objects.create(article=article, country=code)
    return article


def make_full_meetings(host: str, guest: str, how_many: int) -> list[Meeting]:
    """Meetings over several years, each with two participants, a topic, an outcome, an article."""
    meetings = []
    for i in range(how_many):
        meeting = make_meeting(host, guest, on=date(2015 + i % 8, 1 + i % 12, 1 + i % 28))
        for country in (host, guest):
            Participation.objects.create(
                meeting=meeting, person=make_person(country), role="attendee", side=country
            )
        meeting.topics.add(make_topic())
        Outcome.objects.create(meeting=meeting, kind="agreement", title=f"Agreement {i}")
        article = make_article(countries=(host, guest))
        article.meetings.add(meeting)
        meetings.append(meeting)
    changes.record("meeting", [m.pk for m in meetings])
    return meetings
