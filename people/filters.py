"""Filters for the lists of officials, organisations and positions (pages and partner API)."""

import django_filters
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from core.filters import (
    ArchiveFilterSet,
    CountryFilter,
    DateFilter,
    QueryFilter,
    ReferenceFilter,
)
from people.models import Organisation, OrganisationKind, Person, Position


def published_meetings():
    # By name, as a ForeignKey names a model of another app: events comes after people in the
    # import graph, and only the officials list's `meeting=` needs it.
    return apps.get_model("events", "Meeting").objects.published()


class PersonFilter(ArchiveFilterSet):
    q = QueryFilter(label=_("Name"))
    country = CountryFilter(label=_("Country"), method="filter_country")
    organisation = ReferenceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="filter_organisation"
    )
    meeting = ReferenceFilter(
        label=_("Meeting"),
        queryset=lambda request: published_meetings(),
        method="filter_meeting",
    )

    ordering = ("name", "pk")

    class Meta:
        model = Person
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)

    def filter_organisation(self, queryset, name, value):
        return queryset.serving_in(value)

    def filter_meeting(self, queryset, name, value):
        return queryset.attending(value)


class OrganisationFilter(ArchiveFilterSet):
    q = QueryFilter(label=_("Name"))
    country = CountryFilter(label=_("Country"), method="filter_country")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganisationKind.choices, empty_label=_("Any kind")
    )
    parent = ReferenceFilter(label=_("Part of"), queryset=Organisation.objects.all())
    person = ReferenceFilter(
        label=_("Official"),
        queryset=Person.objects.all(),
        field_name="positions__person",
        distinct=True,
    )

    ordering = ("name", "pk")

    class Meta:
        model = Organisation
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)


class PositionFilter(ArchiveFilterSet):
    person = ReferenceFilter(label=_("Official"), queryset=Person.objects.all())
    organisation = ReferenceFilter(label=_("Organisation"), queryset=Organisation.objects.all())
    country = CountryFilter(label=_("Country of the official"), field_name="person__country")
    on = DateFilter(label=_("Held on"), method="filter_on")

    ordering = ("person__name", "person_id", "-start_date", "pk")

    class Meta:
        model = Position
        fields = []

    def filter_on(self, queryset, name, value):
        return queryset.held_on(value)
