"""Topics, exhibitions, meetings, delegations and outcomes, created through events.services."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from events.models import (
    Delegation,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    Outcome,
    Participation,
    Topic,
)
from events.services import (
    delegation_save,
    exhibition_save,
    exhibition_series_save,
    meeting_publish,
    meeting_save,
    meeting_schedule,
    meeting_withdraw,
    outcome_save,
    topic_save,
)
from tests.core.factories import PublishableFactory, ServiceFactory, children_of, slug_of
from tests.people.factories import PersonFactory


class TopicFactory(ServiceFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Subject {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.name) or f"subject-{n}")

    @classmethod
    def _save(cls, obj, related):
        return topic_save(topic=obj, related=related)


class ExhibitionSeriesFactory(ServiceFactory):
    class Meta:
        model = ExhibitionSeries

    name = factory.Sequence(lambda n: f"Show {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.name) or f"show-{n}")

    @classmethod
    def _save(cls, obj, related):
        return exhibition_series_save(series=obj, related=related)


class ExhibitionFactory(ServiceFactory):
    class Meta:
        model = Exhibition

    series = factory.SubFactory(ExhibitionSeriesFactory)
    name = factory.Sequence(lambda n: f"Show edition {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.name) or f"show-edition-{n}")
    start_date = factory.Sequence(lambda n: date(2020, 1, 1) + timedelta(days=n))
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=2))
    city = "Baku"
    country = "AZ"

    @classmethod
    def _save(cls, obj, related):
        return exhibition_save(exhibition=obj, related=related)


class MeetingFactory(PublishableFactory):
    """A draft unless told: `published=True` (a day ago), or `status=` with `published_at=`.

    `participants=[(person, role), ...]` adds participations in the same save.
    """

    class Meta:
        model = Meeting

    class Params:
        published = factory.Trait(
            status="published",
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )

    _children = ("participants",)

    title = factory.Sequence(lambda n: f"Talks number {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.title) or f"talks-{n}")
    kind = "talks"
    cameo_code = "046"
    date = factory.Sequence(lambda n: date(2021, 1, 1) + timedelta(days=n))
    host_country = "AZ"
    guest_country = "TR"
    city = "Baku"

    @classmethod
    def _save(cls, obj, related):
        return meeting_save(meeting=obj, related=related)

    @classmethod
    def _add_children(cls, obj, participants=()):
        for person, role in participants:
            Participation.objects.create(meeting=obj, person=person, role=role)

    @classmethod
    def _publish(cls, obj, at):
        meeting_publish(meeting=obj, at=at)

    @classmethod
    def _schedule(cls, obj, at):
        meeting_schedule(meeting=obj, at=at)

    @classmethod
    def _withdraw(cls, obj):
        meeting_withdraw(meeting=obj)


class ParticipationFactory(factory.django.DjangoModelFactory):
    """A participant added to an existing meeting, published with the meeting."""

    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    role = "attendee"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        row = model_class(*args, **kwargs)
        return children_of("meeting", row.meeting, [row])[0]


class DelegationFactory(ServiceFactory):
    """`members=[person, ...]` and `meetings=[meeting, ...]` are written in the same save."""

    class Meta:
        model = Delegation

    name = factory.Sequence(lambda n: f"Delegation {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.name) or f"delegation-{n}")
    country = "TR"

    @classmethod
    def _save(cls, obj, related):
        return delegation_save(delegation=obj, related=related)


class OutcomeFactory(ServiceFactory):
    """`parties=[organisation, ...]` are written in the same save."""

    class Meta:
        model = Outcome

    meeting = factory.SubFactory(MeetingFactory)
    kind = "agreement"
    title = factory.Sequence(lambda n: f"Agreement {n}")

    @classmethod
    def _save(cls, obj, related):
        return outcome_save(outcome=obj, related=related)
