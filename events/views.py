from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView

from articles.models import Article
from core.filters import QuickSelect
from core.listing import FilteredListView
from events import relations
from events.filters import DelegationFilter, ExhibitionFilter, MeetingFilter, TopicFilter
from events.models import (
    Delegation,
    DelegationMember,
    Exhibition,
    Meeting,
    MeetingStatus,
    Outcome,
    Participation,
    Topic,
)

# A detail page shows the latest of each kind and links to the full, filtered list.
RECENT = 10


def published_articles():
    """For prefetching an object's articles: published only, newest first."""
    return Article.objects.published().latest().select_related("source")


class MeetingListView(FilteredListView):
    filterset_class = MeetingFilter
    form_fields = ("q", "pair", "country", "topic", "date_from", "date_to")

    def get_queryset(self):
        return Meeting.objects.published().select_related("exhibition").with_participants()

    def get_context_data(self, **kwargs):
        # On the page the pair is a choice among the pairs that have met (the API and the
        # address still take any two codes, e.g. ?pair=tr-az).
        pairs = [("", "Any pair")] + [
            (pair.key, pair.label) for pair, _ in relations.most_active_pairs(limit=None)
        ]
        # Hundreds of pairs at scale: written out in Python, not an include per option.
        self.filterset.form.fields["pair"].widget = QuickSelect(choices=pairs)
        return super().get_context_data(**kwargs)


class MeetingDetailView(DetailView):
    model = Meeting

    def get_queryset(self):
        return self.with_parts(Meeting.objects.published())

    def with_parts(self, meetings):
        participations = Participation.objects.select_related("person", "delegation").host_first()
        delegations = Delegation.objects.select_related("organisation", "head").prefetch_related(
            Prefetch("memberships", queryset=DelegationMember.objects.select_related("person"))
        )
        return meetings.select_related("exhibition").prefetch_related(
            "topics",
            Prefetch("participations", queryset=participations),
            Prefetch("delegations", queryset=delegations),
            Prefetch("outcomes", queryset=Outcome.objects.prefetch_related("parties")),
            Prefetch("articles", queryset=published_articles(), to_attr="published_articles"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participants": self.object.participants_with_titles(),
        }


class MeetingPreviewView(MeetingDetailView):
    """The meeting page as readers will see it, draft or not: for editors, through the admin."""

    extra_context = {"preview": True, "noindex": True}

    def get_queryset(self):
        return self.with_parts(Meeting.objects.all())


class ExhibitionListView(FilteredListView):
    filterset_class = ExhibitionFilter
    form_fields = ("q", "country", "date_from", "date_to")

    def get_queryset(self):
        return Exhibition.objects.select_related("series").annotate(
            meeting_count=Count("meetings", filter=Q(meetings__status=MeetingStatus.PUBLISHED))
        )


class ExhibitionDetailView(DetailView):
    model = Exhibition

    def get_queryset(self):
        return Exhibition.objects.select_related("series", "organiser")

    def get_context_data(self, **kwargs):
        exhibition = self.object
        meetings = (
            Meeting.objects.published()
            .at_exhibition(exhibition)
            .select_related("exhibition")
            .order_by("date", "pk")
            .with_participants()
        )
        return super().get_context_data(**kwargs) | {
            "editions": exhibition.other_editions().order_by("-start_date"),
            "meetings": meetings,
            "articles": published_articles().covering_exhibition(exhibition)[:RECENT],
            "recent": RECENT,
        }


class DelegationListView(FilteredListView):
    filterset_class = DelegationFilter
    form_fields = ("country",)
    paginate_by = 50

    def get_queryset(self):
        return Delegation.objects.select_related("organisation", "head")


class DelegationDetailView(DetailView):
    model = Delegation

    def get_queryset(self):
        return Delegation.objects.select_related("organisation", "head").prefetch_related(
            Prefetch("memberships", queryset=DelegationMember.objects.select_related("person")),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.published()
                .select_related("exhibition")
                .with_participants(),
            ),
            Prefetch(
                "participations",
                queryset=Participation.objects.published().select_related("person").host_first(),
            ),
        )


class TopicListView(FilteredListView):
    filterset_class = TopicFilter
    form_fields = ()
    paginate_by = 100

    def get_queryset(self):
        return Topic.objects.select_related("parent")


class TopicDetailView(DetailView):
    model = Topic

    def get_queryset(self):
        return Topic.objects.select_related("parent").prefetch_related("children")

    def get_context_data(self, **kwargs):
        topic = self.object
        return super().get_context_data(**kwargs) | {
            "articles": published_articles().tagged(topic)[:RECENT],
            "meetings": Meeting.objects.published()
            .tagged(topic)
            .select_related("exhibition")
            .with_participants()
            .order_by("-date", "-pk")[:RECENT],
            "recent": RECENT,
        }
