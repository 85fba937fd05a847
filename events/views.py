from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views.generic import DetailView

from core.cache import until_next_change
from core.filters import PairSelects
from core.fragments import StoredPartsMixin
from core.listing import FilteredListView
from core.pagemeta import (
    SITE_NAME,
    PageMeta,
    PageMetaMixin,
    absolute,
    describe,
    schema_date,
    schema_link,
    schema_place,
)
from events import pages, record_pages, relations
from events.cards import with_cards
from events.filters import (
    DelegationFilter,
    ExhibitionFilter,
    MeetingFilter,
    OfficialFilter,
    TopicFilter,
)
from events.models import (
    Delegation,
    Exhibition,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Participation,
    Topic,
)
from people.views import PersonListView

# A detail page shows the latest of each kind and links to the full, filtered list.
RECENT = 10
PAIR_MENUS_INVALID = gettext_lazy("Choose two different countries.")


class OfficialListView(PersonListView):
    filterset_class = OfficialFilter


class MeetingListView(FilteredListView):
    filterset_class = MeetingFilter
    form_fields = ("q", "pair", "country", "topic", "date_from", "date_to")

    def get_queryset(self):
        return Meeting.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting_list"] = with_cards(context["meeting_list"])
        return context

    def get_filterset(self, filterset_class):
        # On the page the pair is two menus of the countries that have met, which also read
        # the two menus' answer (the API and the address still take any two codes, e.g.
        # ?pair=tr-az); the same menus for every filtered list until a meeting changes.
        filterset = super().get_filterset(filterset_class)
        countries = until_next_change(
            f"pair-countries:{get_language()}", relations.countries_that_met
        )
        field = filterset.form.fields["pair"]
        field.widget = PairSelects(countries)
        # Said for the two menus; the API's error names the codes the address takes.
        field.error_messages = {**field.error_messages, "invalid": PAIR_MENUS_INVALID}
        return filterset


class MeetingDetailView(StoredPartsMixin, PageMetaMixin, DetailView):
    """The meeting's page comes stored whole (events/pages.py), except the articles
    reporting it: read with it, as they depend on those articles' own status."""

    parts_kind = pages.KIND
    live = ("reporting",)

    def get_queryset(self):
        # What the page meta reads: names, not the parts' rows.
        return (
            Meeting.objects.published()
            .select_related("exhibition")
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.only("name", "slug")),
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("person").host_first(),
                ),
            )
        )

    def section(self, name: str, object_id: int, stored_parts: dict) -> str:
        meeting = self.stand_in(object_id, stored_parts)
        return render_to_string("events/page/reporting.html", {"meeting": meeting})

    def get_page_meta(self) -> PageMeta:
        meeting = self.object
        online = meeting.kind == MeetingKind.PHONE_CALL
        json_ld = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": meeting.title,
            "url": absolute(meeting.get_absolute_url()),
            "description": meeting.summary or None,
            "startDate": schema_date(meeting.date, meeting.date_precision),
            "endDate": meeting.end_date.isoformat() if meeting.end_date else None,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
            "about": [topic.name for topic in meeting.topics.all()] or None,
            "attendee": [
                schema_link("Person", p.person.name, p.person)
                for p in meeting.participations.all()  # prefetched, host first
            ]
            or None,
        }
        if meeting.city or meeting.venue:
            json_ld["location"] = schema_place(meeting.venue, meeting.city, meeting.place_country)
        if meeting.exhibition_id:
            json_ld["superEvent"] = schema_link(
                "Event", meeting.exhibition.name, meeting.exhibition
            )
        return PageMeta(
            title=meeting.title,
            description=describe(meeting.summary or meeting.title),
            json_ld=json_ld,
        )


class MeetingPreviewView(MeetingDetailView):
    """The meeting page as readers will see it, draft or not: for editors, through the admin."""

    extra_context = {"preview": True, "noindex": True}

    def get_queryset(self):
        return pages.prefetch(Meeting.objects.all())

    render_parts_now = True


class ExhibitionListView(FilteredListView):
    filterset_class = ExhibitionFilter
    form_fields = ("q", "country", "date_from", "date_to")

    def get_queryset(self):
        return Exhibition.objects.select_related("series").annotate(
            meeting_count=Count("meetings", filter=Q(meetings__status=MeetingStatus.PUBLISHED))
        )


class ExhibitionDetailView(StoredPartsMixin, PageMetaMixin, DetailView):
    """The exhibition's page comes stored whole (events/record_pages.py), except the articles
    about it: read with it, as they depend on those articles' own status."""

    model = Exhibition
    parts_kind = record_pages.EXHIBITION_KIND
    live = ("articles",)
    stand_in_fields = ("name", "slug")

    def get_queryset(self):
        return record_pages.exhibitions_with_page(Exhibition.objects.all())

    def get_context_data(self, **kwargs):
        exhibition = self.object
        meetings = Meeting.objects.published().at_exhibition(exhibition).order_by("date", "pk")
        return super().get_context_data(**kwargs) | {
            "editions": exhibition.other_editions().order_by("-start_date"),
            "meetings": with_cards(meetings),
        }

    def section(self, name: str, object_id: int, stored_parts: dict) -> str:
        return render_to_string(
            "events/page/exhibition_articles.html",
            {"exhibition": self.stand_in(object_id, stored_parts), "recent": RECENT},
        )

    def get_page_meta(self) -> PageMeta:
        exhibition = self.object
        json_ld = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": exhibition.name,
            "url": absolute(exhibition.get_absolute_url()),
            "startDate": exhibition.start_date.isoformat(),
            "endDate": exhibition.end_date.isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": schema_place(exhibition.venue, exhibition.city, exhibition.country),
        }
        if exhibition.organiser_id:
            json_ld["organizer"] = {"@type": "Organization", "name": exhibition.organiser.name}
        if exhibition.website:
            json_ld["sameAs"] = exhibition.website
        return PageMeta(
            title=exhibition.name,
            description=gettext("%(name)s, %(city)s: the meetings held at it and its editions.")
            % {"name": exhibition.name, "city": exhibition.city},
            json_ld=json_ld,
        )


class DelegationListView(FilteredListView):
    filterset_class = DelegationFilter
    form_fields = ("country",)
    paginate_by = 50

    def get_queryset(self):
        return Delegation.objects.select_related("organisation", "head")


class DelegationDetailView(StoredPartsMixin, PageMetaMixin, DetailView):
    """The delegation's page comes stored whole (events/record_pages.py)."""

    model = Delegation
    parts_kind = record_pages.DELEGATION_KIND

    def get_queryset(self):
        return record_pages.delegations_with_page(Delegation.objects.all())

    def get_context_data(self, **kwargs):
        meetings = with_cards(self.object.meetings.all())
        return super().get_context_data(**kwargs) | {"meetings": meetings}

    def get_page_meta(self) -> PageMeta:
        delegation = self.object
        # The same words as the page's own description (delegation_detail.html).
        said = []
        if delegation.organisation_id:
            said.append(gettext("sent by %(name)s") % {"name": delegation.organisation.name})
        if delegation.head_id:
            said.append(gettext("led by %(name)s") % {"name": delegation.head.name})
        said.append(gettext("its members and the meetings it attended."))
        return PageMeta(title=delegation.name, description=f"{delegation.name}: {', '.join(said)}")


class TopicListView(FilteredListView):
    filterset_class = TopicFilter
    form_fields = ()
    paginate_by = 100

    def get_queryset(self):
        return Topic.objects.select_related("parent")


class TopicDetailView(StoredPartsMixin, PageMetaMixin, DetailView):
    """The topic's page comes stored whole (events/record_pages.py), except its latest
    articles: read with it, as they depend on those articles' own status."""

    model = Topic
    parts_kind = record_pages.TOPIC_KIND
    live = ("articles",)
    stand_in_fields = ("name", "slug")

    def get_queryset(self):
        return record_pages.topics_with_page(Topic.objects.all())

    def get_context_data(self, **kwargs):
        topic = self.object
        return super().get_context_data(**kwargs) | {
            "meetings": with_cards(
                Meeting.objects.published().tagged(topic).order_by("-date", "-pk")[:RECENT]
            ),
        }

    def section(self, name: str, object_id: int, stored_parts: dict) -> str:
        return render_to_string(
            "events/page/topic_articles.html",
            {"topic": self.stand_in(object_id, stored_parts), "recent": RECENT},
        )

    def get_page_meta(self) -> PageMeta:
        topic = self.object
        meta = PageMeta(
            title=topic.name,
            feeds=[
                (
                    f"{gettext(SITE_NAME)}: {topic.name}",
                    reverse("feeds:topic", kwargs={"slug": topic.slug}),
                )
            ],
        )
        if topic.description:
            meta.description = describe(topic.description)
        return meta
