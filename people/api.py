"""Read-only partner API for officials, organisations and positions."""

from partners.sync import SyncDetailApi, SyncListApi
from people.filters import OrganisationFilter, PersonFilter, PositionFilter
from people.models import Organisation, Person, Position
from people.serializers import OrganisationSerializer, PersonSerializer, PositionSerializer


class PersonListApi(SyncListApi):
    model = Person
    endpoint = "officials"
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def optimise(self, queryset):
        return queryset.prefetch_related("aliases")


class PersonDetailApi(SyncDetailApi):
    model = Person
    serializer_class = PersonSerializer

    def get_queryset(self):
        return Person.objects.prefetch_related("aliases")


class OrganisationListApi(SyncListApi):
    model = Organisation
    endpoint = "organisations"
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def optimise(self, queryset):
        return queryset.prefetch_related("aliases")


class OrganisationDetailApi(SyncDetailApi):
    model = Organisation
    serializer_class = OrganisationSerializer

    def get_queryset(self):
        return Organisation.objects.prefetch_related("aliases")


class PositionListApi(SyncListApi):
    model = Position
    endpoint = "positions"
    serializer_class = PositionSerializer
    filterset_class = PositionFilter


class PositionDetailApi(SyncDetailApi):
    model = Position
    serializer_class = PositionSerializer
    has_slug = False
