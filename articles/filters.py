"""The article list's filters, shared by /articles/ and the partner API."""

from django.utils.translation import gettext_lazy as _

from articles.models import Article, Source
from core.filters import (
    ArchiveFilterSet,
    CountryFilter,
    DateFilter,
    DateRangeForm,
    QueryFilter,
    ReferenceFilter,
    ReferencesFilter,
)
from events.models import Exhibition, Meeting, Topic
from people.models import Organisation, Person


class ArticleFilter(ArchiveFilterSet):
    """Published articles by words, country, the people, bodies, meetings and topics they cover."""

    q = QueryFilter()
    country = CountryFilter(label=_("Country"), method="filter_country")
    person = ReferenceFilter(
        label=_("Official"), queryset=Person.objects.all(), method="filter_person"
    )
    organisation = ReferenceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="filter_organisation"
    )
    meeting = ReferenceFilter(
        label=_("Meeting"), queryset=Meeting.objects.published(), method="filter_meeting"
    )
    exhibition = ReferenceFilter(
        label=_("Exhibition"), queryset=Exhibition.objects.all(), method="filter_exhibition"
    )
    topic = ReferencesFilter(
        label=_("Topics (all of them)"), queryset=Topic.objects.all(), method="filter_topics"
    )
    source = ReferenceFilter(
        label=_("Source"), queryset=Source.objects.all(), method="filter_source"
    )
    date_from = DateFilter(
        label=_("Published from"), field_name="published_at", lookup_expr="date__gte"
    )
    date_to = DateFilter(
        label=_("Published until"), field_name="published_at", lookup_expr="date__lte"
    )

    ordering = ("-published_at", "-pk")

    class Meta:
        model = Article
        fields = []
        form = DateRangeForm

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)

    def filter_person(self, queryset, name, value):
        return queryset.mentioning(value)

    def filter_organisation(self, queryset, name, value):
        return queryset.mentioning_organisation(value)

    def filter_meeting(self, queryset, name, value):
        return queryset.reporting_on(value)

    def filter_exhibition(self, queryset, name, value):
        return queryset.covering_exhibition(value)

    def filter_topics(self, queryset, name, value):
        for topic in value:
            queryset = queryset.tagged(topic)
        return queryset

    def filter_source(self, queryset, name, value):
        return queryset.from_source(value)
