"""The partner documents of meetings, delegations, outcomes, exhibitions and topics.

Stored by core.changes whenever they change; `depends_on` below is the one answer to "which
of these documents does a change to that row affect?". They name other rows by id, so what
reaches them is mostly a link that goes (a topic deleted, a meeting deleted).
"""

from django.db.models import Prefetch

from core import changes
from events.models import Delegation, Exhibition, Meeting, Outcome, Participation, Topic
from events.serializers import (
    DelegationSerializer,
    ExhibitionSerializer,
    MeetingSerializer,
    OutcomeSerializer,
    TopicSerializer,
)
from people.models import Organisation


def _ids_of(name: str, model):
    """A many-to-many the documents list by id only: no other column of those rows is read."""
    return Prefetch(name, queryset=model.objects.only("pk"))


def meetings_with_parts(queryset):
    return queryset.prefetch_related(
        _ids_of("topics", Topic),
        Prefetch("participations", queryset=Participation.objects.host_first()),
    )


def delegations_with_parts(queryset):
    # A draft meeting is named nowhere public, not even by id.
    published = Prefetch("meetings", queryset=Meeting.objects.published().only("pk"))
    return queryset.prefetch_related("memberships", published)


def outcomes_with_parties(queryset):
    return queryset.prefetch_related(_ids_of("parties", Organisation))


def public_meetings():
    """Meetings the public may see: published ones."""
    return Meeting.objects.published()


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True).distinct())


KINDS = [
    ("meeting", "meetings", MeetingSerializer, lambda: meetings_with_parts(public_meetings())),
    (
        "delegation",
        "delegations",
        DelegationSerializer,
        lambda: delegations_with_parts(Delegation.objects.all()),
    ),
    (
        "outcome",
        "outcomes",
        OutcomeSerializer,
        lambda: outcomes_with_parties(Outcome.objects.published()),
    ),
    (
        "exhibition",
        "exhibitions",
        ExhibitionSerializer,
        lambda: Exhibition.objects.select_related("series"),
    ),
    ("topic", "topics", TopicSerializer, lambda: Topic.objects.all()),
]

# (document kind, source kind, source ids -> document ids)
DEPENDS_ON = [
    ("meeting", "topic", lambda ids: _ids(Meeting.objects.filter(topics__in=ids))),
    (
        "meeting",
        "delegation",
        lambda ids: _ids(Meeting.objects.filter(participations__delegation__in=ids)),
    ),
    ("delegation", "meeting", lambda ids: _ids(Delegation.objects.filter(meetings__in=ids))),
    ("outcome", "meeting", lambda ids: _ids(Outcome.objects.filter(meeting__in=ids))),
    ("outcome", "organisation", lambda ids: _ids(Outcome.objects.filter(parties__in=ids))),
    (
        "exhibition",
        "exhibition_series",
        lambda ids: _ids(Exhibition.objects.filter(series__in=ids)),
    ),
    ("topic", "topic", lambda ids: _ids(Topic.objects.filter(parent__in=ids))),
]


def register() -> None:
    for kind, endpoint, serializer, public in KINDS:
        changes.register(
            changes.DocumentKind(
                kind=kind,
                endpoint=endpoint,
                public=public,
                render=changes.serialized(serializer, public),
            )
        )
    for kind, source, resolve in DEPENDS_ON:
        changes.depends_on(kind, source=source, resolve=resolve)
