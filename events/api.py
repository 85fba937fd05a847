"""Read-only partner API for meetings, delegations, outcomes, exhibitions and topics."""

from events.documents import public_meetings
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


class MeetingListApi(SyncListApi):
    model = Meeting
    kind = "meeting"
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def public_queryset(self):
        return public_meetings()


class MeetingDetailApi(SyncDetailApi):
    model = Meeting
    kind = "meeting"
    serializer_class = MeetingSerializer

    def public_queryset(self):
        return public_meetings()


class DelegationListApi(SyncListApi):
    model = Delegation
    kind = "delegation"
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilter


class DelegationDetailApi(SyncDetailApi):
    model = Delegation
    kind = "delegation"
    serializer_class = DelegationSerializer


class OutcomeListApi(SyncListApi):
    model = Outcome
    kind = "outcome"
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter


class OutcomeDetailApi(SyncDetailApi):
    model = Outcome
    kind = "outcome"
    serializer_class = OutcomeSerializer
    has_slug = False


class ExhibitionListApi(SyncListApi):
    model = Exhibition
    kind = "exhibition"
    serializer_class = ExhibitionSerializer
    filterset_class = ExhibitionFilter


class ExhibitionDetailApi(SyncDetailApi):
    model = Exhibition
    kind = "exhibition"
    serializer_class = ExhibitionSerializer


class TopicListApi(SyncListApi):
    model = Topic
    kind = "topic"
    serializer_class = TopicSerializer
    filterset_class = TopicFilter


class TopicDetailApi(SyncDetailApi):
    model = Topic
    kind = "topic"
    serializer_class = TopicSerializer
