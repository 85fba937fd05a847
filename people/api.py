"""Read-only partner API for officials, organisations and positions: their stored documents."""

from partners.sync import SyncDetailApi, SyncListApi
from people.filters import OrganisationFilter, PersonFilter, PositionFilter
from people.models import Organisation, Person, Position
from people.serializers import OrganisationSerializer, PersonSerializer, PositionSerializer


class PersonListApi(SyncListApi):
    model = Person
    kind = "official"
    serializer_class = PersonSerializer
    filterset_class = PersonFilter


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
