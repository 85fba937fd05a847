"""Read-only partner API for meetings, delegations, outcomes, exhibitions and topics."""

from events.filters import (
    DelegationFilter,
    ExhibitionFilter,
    MeetingFilter,
    OutcomeFilter,
    TopicFilter,
)
from events.models import Delegation, Exhibition, Meeting, Outcome, Topic
from events.serializers import (
    DelegationSerializer,
    ExhibitionSerializer,
    MeetingSerializer,
    OutcomeSerializer,
    TopicSerializer,
)
from partners.sync import SyncDetailApi, SyncListApi


def meetings_with_parts(queryset):
    return queryset.prefetch_related("topics", "participations")


def delegations_with_parts(queryset):
    return queryset.prefetch_related("memberships", "meetings")


class MeetingListApi(SyncListApi):
    model = Meeting
    endpoint = "meetings"
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def optimise(self, queryset):
        return meetings_with_parts(queryset)


class MeetingDetailApi(SyncDetailApi):
    model = Meeting
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return meetings_with_parts(Meeting.objects.all())


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

    def optimise(self, queryset):
        return queryset.prefetch_related("parties")


class OutcomeDetailApi(SyncDetailApi):
    model = Outcome
    serializer_class = OutcomeSerializer
    has_slug = False

    def get_queryset(self):
        return Outcome.objects.prefetch_related("parties")


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
