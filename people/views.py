from django.db.models import F, Prefetch
from django.views.generic import DetailView

from articles.models import Article
from core.listing import FilteredListView
from events.models import Delegation, Participation
from people.filters import OrganisationFilter, PersonFilter
from people.models import Organisation, Person, Position

# A detail page shows the latest of each kind and links to the full, filtered list.
RECENT = 10
MET_MOST = 8


def _newest_first(field: str):
    # Unknown start dates (NULL) last on both databases.
    return F(field).desc(nulls_last=True)


class PersonListView(FilteredListView):
    filterset_class = PersonFilter
    form_fields = ("q", "country")
    paginate_by = 50

    def get_queryset(self):
        current = Position.objects.current().select_related("organisation")
        return Person.objects.prefetch_related(
            Prefetch("positions", queryset=current, to_attr="current_positions")
        )


class PersonDetailView(DetailView):
    model = Person

    def get_queryset(self):
        return Person.objects.prefetch_related(
            "aliases",
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("organisation").order_by(
                    _newest_first("start_date"), "-pk"
                ),
                to_attr="timeline",
            ),
        )

    def get_context_data(self, **kwargs):
        person = self.object
        participations = (
            Participation.objects.published()
            .filter(person=person)
            .select_related("meeting", "meeting__exhibition")
            .order_by("-meeting__date", "-meeting_id")
        )
        return super().get_context_data(**kwargs) | {
            "participations": participations[:RECENT],
            "delegations": Delegation.objects.including(person)
            .select_related("organisation")
            .order_by("name", "pk")[:RECENT],
            "articles": Article.objects.published()
            .mentioning(person)
            .latest()
            .select_related("source")[:RECENT],
            "met_most": Person.objects.met_most_by(person)[:MET_MOST],
            "recent": RECENT,
        }


class OrganisationListView(FilteredListView):
    filterset_class = OrganisationFilter
    form_fields = ("q", "country", "kind")
    paginate_by = 50

    def get_queryset(self):
        return Organisation.objects.select_related("parent")


class OrganisationDetailView(DetailView):
    model = Organisation

    def get_queryset(self):
        positions = Position.objects.select_related("person").order_by(
            _newest_first("start_date"), "person__name", "pk"
        )
        return Organisation.objects.select_related("parent").prefetch_related(
            "aliases",
            "children",
            Prefetch("positions", queryset=positions, to_attr="timeline"),
        )

    def get_context_data(self, **kwargs):
        organisation = self.object
        return super().get_context_data(**kwargs) | {
            "delegations": organisation.delegations.order_by("name", "pk")[:RECENT],
            "articles": Article.objects.published()
            .mentioning_organisation(organisation)
            .latest()
            .select_related("source")[:RECENT],
            "recent": RECENT,
        }
