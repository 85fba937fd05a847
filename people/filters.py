"""Filters for the lists of officials, organisations and positions (pages and partner API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import (
    ArchiveFilterSet,
    CountryFilter,
    DateFilter,
    QueryFilter,
    ReferenceFilter,
)
from people.models import Organisation, OrganisationKind, Person, Position


class PersonFilter(ArchiveFilterSet):
    """A person's own facts; the officials list adds the meetings (events.filters)."""

    q = QueryFilter(label=_("Name"))
    country = CountryFilter(label=_("Country"), method="filter_country")
    organisation = ReferenceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="filter_organisation"
    )
    ordering = ("name", "pk")

    class Meta:
        model = Person
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)

    def filter_organisation(self, queryset, name, value):
        return queryset.serving_in(value)


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
