"""Read-only partner API for meetings, delegations, outcomes, exhibitions and topics."""

from django.db.models import Prefetch

from events.filters import (
    DelegationFilter,
    ExhibitionFilter,
    MeetingFilter,
    OutcomeFilter,
    TopicFilter,
)
from events.models import Delegation, Exhibition, Meeting, MeetingStatus, Outcome, Topic
from events.serializers import (
    DelegationSerializer,
    ExhibitionSerializer,
    MeetingSerializer,
    OutcomeSerializer,
    TopicSerializer,
)
from partners.sync import SyncDetailApi, SyncListApi
from people.models import Organisation


def _ids_of(name: str, model):
    """A many-to-many the API lists by id only: no other column of those rows is read."""
    return Prefetch(name, queryset=model.objects.only("pk"))


def meetings_with_parts(queryset):
    return queryset.prefetch_related(_ids_of("topics", Topic), "participations")


def delegations_with_parts(queryset):
    published = Meeting.objects.published().only("pk")
    return queryset.prefetch_related("memberships", Prefetch("meetings", queryset=published))


def outcomes_with_parties(queryset):
    return queryset.prefetch_related(_ids_of("parties", Organisation))


class MeetingListApi(SyncListApi):
    model = Meeting
    endpoint = "meetings"
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def public_queryset(self):
        return Meeting.objects.published()

    def withdrawn_queryset(self):
        # Published once, withdrawn since: reported as tombstones. A draft never published
        # is never mentioned.
        return Meeting.objects.filter(status=MeetingStatus.WITHDRAWN)

    def public_deletions(self, deletions):
        return deletions.filter(status=MeetingStatus.PUBLISHED)

    def is_public(self, obj) -> bool:
        return obj.is_published()

    def optimise(self, queryset):
        return meetings_with_parts(queryset)


class MeetingDetailApi(SyncDetailApi):
    model = Meeting
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return meetings_with_parts(Meeting.objects.published())


class DelegationListApi(SyncListApi):
    model = Delegation
    endpoint = "delegations"
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilter

    def optimise(self, queryset):
        return delegations_with_parts(queryset)


class DelegationDetailApi(SyncDetailApi):
    model = Delegation
    serializer_class = DelegationSerializer

    def get_queryset(self):
        return delegations_with_parts(Delegation.objects.all())


class OutcomeListApi(SyncListApi):
    model = Outcome
    endpoint = "outcomes"
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter

    def public_queryset(self):
        return Outcome.objects.published()

    def optimise(self, queryset):
        return outcomes_with_parties(queryset)


class OutcomeDetailApi(SyncDetailApi):
    model = Outcome
    serializer_class = OutcomeSerializer
    has_slug = False

    def get_queryset(self):
        return outcomes_with_parties(Outcome.objects.published())


class ExhibitionListApi(SyncListApi):
    model = Exhibition
    endpoint = "exhibitions"
    serializer_class = ExhibitionSerializer
    filterset_class = ExhibitionFilter

    def optimise(self, queryset):
        return queryset.select_related("series")


class ExhibitionDetailApi(SyncDetailApi):
    model = Exhibition
    serializer_class = ExhibitionSerializer

    def get_queryset(self):
        return Exhibition.objects.select_related("series")


class TopicListApi(SyncListApi):
    model = Topic
    endpoint = "topics"
    serializer_class = TopicSerializer
    filterset_class = TopicFilter


class TopicDetailApi(SyncDetailApi):
    model = Topic
    serializer_class = TopicSerializer
