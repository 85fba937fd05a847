"""Sources and articles, created through articles.services."""

from datetime import date, timedelta

import factory
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleCountry, Source
from articles.services import (
    article_publish,
    article_save,
    article_schedule,
    article_submit_for_review,
    article_withdraw,
    source_save,
)
from core.changes import batch
from tests.core.factories import PublishableFactory, ServiceFactory, slug_of
from tests.events.factories import (
    MeetingFactory,
    OutcomeFactory,
    ParticipationFactory,
    TopicFactory,
)
from tests.people.factories import PersonFactory


class SourceFactory(ServiceFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Agency {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.name) or f"agency-{n}")

    @classmethod
    def _save(cls, obj, related):
        return source_save(source=obj, related=related)


class ArticleFactory(PublishableFactory):
    """A draft unless told: `published=True` (an hour ago, each one a minute older than the
    one before), or `status=` ("scheduled", "withdrawn", "review") with `published_at=`.

    `countries=("AZ", "TR")` and the tags (`people=`, `meetings=`, `topics=`...) are written
    in the same save, as the admin's form writes them.
    """

    class Meta:
        model = Article

    class Params:
        published = factory.Trait(
            status="published",
            published_at=factory.Sequence(lambda n: timezone.now() - timedelta(hours=1, minutes=n)),
        )

    _children = ("countries",)

    headline = factory.Sequence(lambda n: f"Report number {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.headline) or f"report-{n}")
    body = factory.Sequence(lambda n: f"<p>Body of report {n}.</p>")

    @classmethod
    def _save(cls, obj, related):
        return article_save(article=obj, related=related)

    @classmethod
    def _add_children(cls, obj, countries=()):
        for code in countries:
            ArticleCountry.objects.create(article=obj, country=code)

    @classmethod
    def _publish(cls, obj, at):
        article_publish(article=obj, at=at)

    @classmethod
    def _schedule(cls, obj, at):
        article_schedule(article=obj, at=at)

    @classmethod
    def _withdraw(cls, obj):
        article_withdraw(article=obj)

    @classmethod
    def _to_status(cls, obj, status):
        if status != "review":
            super()._to_status(obj, status)
        article_submit_for_review(article=obj)


def full_meetings(host: str, guest: str, how_many: int) -> list:
    """Published meetings over several years, each with two participants, a topic, an outcome
    and a published article reporting it (for the relation, home and feed pages)."""
    meetings = []
    # One transaction whose documents are published once, at its end (as a bulk load is).
    with transaction.atomic(), batch():
        for i in range(how_many):
            meetings.append(_full_meeting(host, guest, i))
    return meetings


def _full_meeting(host: str, guest: str, i: int):
    meeting = MeetingFactory(
        published=True,
        host_country=host,
        guest_country=guest,
        date=date(2015 + i % 8, 1 + i % 12, 1 + i % 28),
        city="Tbilisi",
        topics=[TopicFactory()],
    )
    for country in (host, guest):
        ParticipationFactory(meeting=meeting, person=PersonFactory(country=country), side=country)
    OutcomeFactory(meeting=meeting, title=f"Agreement {i}")
    ArticleFactory(published=True, countries=(host, guest), meetings=[meeting])
    return meeting
