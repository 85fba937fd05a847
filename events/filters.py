"""Filters for meetings, exhibitions, delegations, outcomes and topics (pages and partner API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import (
    ArchiveFilterSet,
    CountryFilter,
    CountryPairFilter,
    DateFilter,
    DateRangeForm,
    QueryFilter,
    ReferenceFilter,
    ReferencesFilter,
)
from events.models import (
    Delegation,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
    Topic,
)
from people.filters import PersonFilter
from people.models import Organisation, Person


class MeetingFilter(ArchiveFilterSet):
    q = QueryFilter()
    country = CountryFilter(label=_("Country"), method="filter_country")
    pair = CountryPairFilter(label=_("Country pair"), method="filter_pair")
    person = ReferenceFilter(
        label=_("Official"), queryset=Person.objects.all(), method="filter_person"
    )
    organisation = ReferenceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="filter_organisation"
    )
    exhibition = ReferenceFilter(
        label=_("Exhibition"), queryset=Exhibition.objects.all(), method="filter_exhibition"
    )
    topic = ReferencesFilter(
        label=_("Topics (all of them)"), queryset=Topic.objects.all(), method="filter_topics"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=MeetingKind.choices, empty_label=_("Any kind")
    )
    date_from = DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = DateFilter(label=_("Until"), field_name="date", lookup_expr="lte")

    ordering = ("-date", "-pk")

    class Meta:
        model = Meeting
        fields = []
        form = DateRangeForm

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)

    def filter_pair(self, queryset, name, value):
        return queryset.for_country_pair(*value)

    def filter_person(self, queryset, name, value):
        return queryset.attended_by(value)

    def filter_organisation(self, queryset, name, value):
        return queryset.involving_organisation(value)

    def filter_exhibition(self, queryset, name, value):
        return queryset.at_exhibition(value)

    def filter_topics(self, queryset, name, value):
        for topic in value:
            queryset = queryset.tagged(topic)
        return queryset


class ExhibitionFilter(ArchiveFilterSet):
    q = QueryFilter()
    country = CountryFilter(label=_("Country"), method="filter_country")
    series = ReferenceFilter(label=_("Exhibition series"), queryset=ExhibitionSeries.objects.all())
    # An exhibition is in the range when any of its days is.
    date_from = DateFilter(label=_("From"), field_name="end_date", lookup_expr="gte")
    date_to = DateFilter(label=_("Until"), field_name="start_date", lookup_expr="lte")

    ordering = ("-start_date", "-pk")

    class Meta:
        model = Exhibition
        fields = []
        form = DateRangeForm

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)


class DelegationFilter(ArchiveFilterSet):
    q = QueryFilter()
    country = CountryFilter(label=_("Country"), method="filter_country")
    organisation = ReferenceFilter(label=_("Sent by"), queryset=Organisation.objects.all())
    person = ReferenceFilter(
        label=_("Official"), queryset=Person.objects.all(), method="filter_person"
    )
    meeting = ReferenceFilter(
        label=_("Meeting"), queryset=Meeting.objects.published(), field_name="meetings"
    )

    ordering = ("name", "pk")

    class Meta:
        model = Delegation
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)

    def filter_person(self, queryset, name, value):
        return queryset.including(value)


class OutcomeFilter(ArchiveFilterSet):
    country = CountryFilter(label=_("Country"), method="filter_country")
    meeting = ReferenceFilter(label=_("Meeting"), queryset=Meeting.objects.published())
    organisation = ReferenceFilter(
        label=_("Party"), queryset=Organisation.objects.all(), field_name="parties"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OutcomeKind.choices, empty_label=_("Any kind")
    )
    date_from = DateFilter(label=_("From"), field_name="meeting__date", lookup_expr="gte")
    date_to = DateFilter(label=_("Until"), field_name="meeting__date", lookup_expr="lte")

    ordering = ("-meeting__date", "meeting_id", "kind", "pk")

    class Meta:
        model = Outcome
        fields = []
        form = DateRangeForm

    def filter_country(self, queryset, name, value):
        return queryset.filter(meeting__in=Meeting.objects.about_country(value))


class TopicFilter(ArchiveFilterSet):
    parent = ReferenceFilter(label=_("Broader topic"), queryset=Topic.objects.all())

    ordering = ("name", "pk")

    class Meta:
        model = Topic
        fields = []


class OfficialFilter(PersonFilter):
    """The officials list (page and API): a person's own facts and the meeting they attended.

    Here, not in people: meetings come after people in the apps' order.
    """

    meeting = ReferenceFilter(
        label=_("Meeting"),
        queryset=lambda request: Meeting.objects.published(),
        method="filter_meeting",
    )

    def filter_meeting(self, queryset, name, value):
        return queryset.attending(value)
