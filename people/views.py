from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.generic import DetailView

from core.fragments import StoredPartsMixin
from core.listing import FilteredListView
from core.pagemeta import PageMeta, PageMetaMixin, absolute, schema_country, schema_link
from people.filters import OrganisationFilter, PersonFilter
from people.models import Organisation, OrganisationKind, Person, Position

# A detail page shows the latest of each kind and links to the full, filtered list.
RECENT = 10
MET_MOST = 8
SCHEMA_ORGANISATION_TYPES = {
    OrganisationKind.COMPANY: "Corporation",
    OrganisationKind.NEWS_AGENCY: "NewsMediaOrganization",
    OrganisationKind.INTERNATIONAL: "Organization",
    OrganisationKind.OTHER: "Organization",
}


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


def with_page(people):
    """The people with what their pages show of themselves fetched along."""
    return people.prefetch_related(
        "aliases",
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("organisation").order_by(
                _newest_first("start_date"), "-pk"
            ),
            to_attr="timeline",
        ),
    )


class PersonDetailView(StoredPartsMixin, PageMetaMixin, DetailView):
    """The official's page comes stored whole (events/people_pages.py), except the articles
    mentioning them: read with it, as they depend on those articles' own status."""

    model = Person
    parts_kind = "person_page"
    live = ("articles",)
    stand_in_fields = ("name", "slug")

    def get_queryset(self):
        return with_page(Person.objects.all())

    def get_context_data(self, **kwargs):
        # The meetings and delegations sections come from the events app's template tags.
        return super().get_context_data(**kwargs) | {
            "met_most": Person.objects.met_most_by(self.object)[:MET_MOST],
            "recent": RECENT,
        }

    def section(self, name: str, object_id: int, stored_parts: dict) -> str:
        person = self.stand_in(object_id, stored_parts)
        return render_to_string("people/page/articles.html", {"person": person, "recent": RECENT})

    def get_page_meta(self) -> PageMeta:
        person = self.object
        positions = list(person.positions.current().select_related("organisation"))
        json_ld = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": person.name,
            "url": absolute(person.get_absolute_url()),
            "alternateName": [alias.name for alias in person.aliases.all()] or None,
            "honorificPrefix": person.honorific or None,
            "nationality": schema_country(person.country),
            "jobTitle": [p.title for p in positions] or None,
            "worksFor": [
                schema_link("Organization", p.organisation.name, p.organisation) for p in positions
            ]
            or None,
        }
        if person.wikidata_id:
            json_ld["sameAs"] = f"https://www.wikidata.org/wiki/{person.wikidata_id}"
        return PageMeta(
            title=person.name,
            description=gettext("%(name)s: positions held, meetings attended and articles.")
            % {"name": person.name},
            og_type="profile",
            json_ld=json_ld,
        )


class OrganisationListView(FilteredListView):
    filterset_class = OrganisationFilter
    form_fields = ("q", "country", "kind")
    paginate_by = 50

    def get_queryset(self):
        return Organisation.objects.select_related("parent")


def organisation_with_page(organisations):
    """The organisations with what their pages show of themselves fetched along."""
    positions = Position.objects.select_related("person").order_by(
        _newest_first("start_date"), "person__name", "pk"
    )
    return organisations.select_related("parent").prefetch_related(
        "aliases", "children", Prefetch("positions", queryset=positions, to_attr="timeline")
    )


class OrganisationDetailView(StoredPartsMixin, PageMetaMixin, DetailView):
    """The organisation's page comes stored whole (events/people_pages.py), except the
    articles mentioning it: read with it, as they depend on those articles' own status."""

    model = Organisation
    parts_kind = "organisation_page"
    live = ("articles",)
    stand_in_fields = ("name", "slug")

    def get_queryset(self):
        return organisation_with_page(Organisation.objects.all())

    def get_context_data(self, **kwargs):
        # The delegations section comes from the events app's template tags.
        return super().get_context_data(**kwargs) | {"recent": RECENT}

    def section(self, name: str, object_id: int, stored_parts: dict) -> str:
        return render_to_string(
            "people/page/organisation_articles.html",
            {"organisation": self.stand_in(object_id, stored_parts), "recent": RECENT},
        )

    def get_page_meta(self) -> PageMeta:
        organisation = self.object
        names = [organisation.acronym] if organisation.acronym else []
        json_ld = {
            "@context": "https://schema.org",
            "@type": SCHEMA_ORGANISATION_TYPES.get(organisation.kind, "GovernmentOrganization"),
            "name": organisation.name,
            "url": absolute(organisation.get_absolute_url()),
            "alternateName": names + [alias.name for alias in organisation.aliases.all()] or None,
            "parentOrganization": schema_link(
                "Organization", organisation.parent.name, organisation.parent
            )
            if organisation.parent_id
            else None,
            "sameAs": organisation.website or None,
        }
        return PageMeta(
            title=str(organisation),
            description=gettext(
                "%(name)s: its people and their positions over time, the delegations it sent"
                " and the articles that mention it."
            )
            % {"name": organisation.name},
            json_ld=json_ld,
        )
