"""The partner API's views: the stored documents of every public kind, and their sync feed.

They live here, above the domain apps, because they are built on the partners app's sync
views (partners/sync.py: authentication, rate limit, caching, the published schema); each
names its kind's model, serializer (the schema's description of the document) and FilterSet,
which the domain apps define and their HTML lists share.
"""

from articles.filters import ArticleFilter
from articles.models import Article
from articles.serializers import ArticleNinjsSerializer
from events.documents import public_meetings
from events.filters import (
    DelegationFilter,
    ExhibitionFilter,
    MeetingFilter,
    OfficialFilter,
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
from people.filters import OrganisationFilter, PositionFilter
from people.models import Organisation, Person, Position
from people.serializers import OrganisationSerializer, PersonSerializer, PositionSerializer


class ArticleListApi(SyncListApi):
    model = Article
    kind = "article"
    serializer_class = ArticleNinjsSerializer
    filterset_class = ArticleFilter
    tombstone_serializer = None  # a ninjs document with pubstatus 'canceled'

    def public_queryset(self):
        return Article.objects.published()


class ArticleDetailApi(SyncDetailApi):
    tombstone_serializer = None  # a ninjs document with pubstatus 'canceled'
    model = Article
    kind = "article"
    serializer_class = ArticleNinjsSerializer

    def public_queryset(self):
        return Article.objects.published()


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


class PersonListApi(SyncListApi):
    model = Person
    kind = "official"
    serializer_class = PersonSerializer
    filterset_class = OfficialFilter


class PersonDetailApi(SyncDetailApi):
    model = Person
    kind = "official"
    serializer_class = PersonSerializer


class OrganisationListApi(SyncListApi):
    model = Organisation
    kind = "organisation"
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter


class OrganisationDetailApi(SyncDetailApi):
    model = Organisation
    kind = "organisation"
    serializer_class = OrganisationSerializer


class PositionListApi(SyncListApi):
    model = Position
    kind = "position"
    serializer_class = PositionSerializer
    filterset_class = PositionFilter


class PositionDetailApi(SyncDetailApi):
    model = Position
    kind = "position"
    serializer_class = PositionSerializer
    has_slug = False
