"""Officials' and organisations' pages, stored whole in every interface language
(core.fragments).

An official's page shows their names and aliases, the positions they held and where, the
published meetings they attended (title, date, place, exhibition, their role), the
delegations they headed or joined, and the people they met most often. All of it is rendered
again, in the transaction of the change, whenever the document of one of those changes (a
core.changes follower); the articles mentioning them are read with the page, as they depend
on those articles' own status (PersonDetailView). An organisation's page likewise: its names,
its parent and the bodies under it, the people who held positions in it and the delegations it
sent, with the articles mentioning it read with the page (OrganisationDetailView).
"""

from core import changes, fragments
from events.models import Participation
from people.models import Organisation, Person, Position
from people.views import organisation_with_page, with_page

KIND = "person_page"
ORGANISATION_KIND = "organisation_page"
FRAME = ("base.html", "includes/seo_head.html")

PAGES = fragments.FragmentKind(
    kind=KIND,
    public=Person.objects.all,
    prefetch=with_page,
    parts={},
    name="person",
    view="people.views.PersonDetailView",
    page_templates=(
        "people/person_detail.html",
        "people/position_dates.html",
        "includes/meeting_date.html",
        *FRAME,
    ),
    code=(
        "events.people_pages",
        "events.models",
        "events.templatetags.meeting_lists",
        "people.models",
    ),
)

ORGANISATION_PAGES = fragments.FragmentKind(
    kind=ORGANISATION_KIND,
    public=Organisation.objects.all,
    prefetch=organisation_with_page,
    parts={},
    name="organisation",
    view="people.views.OrganisationDetailView",
    page_templates=("people/organisation_detail.html", "people/position_dates.html", *FRAME),
    code=("events.people_pages", "events.templatetags.meeting_lists", "people.models"),
)


def _people(queryset) -> set[int]:
    return set(queryset.values_list("person", flat=True))


def _documents(items: list[changes.Followed]):
    return [doc for item in items for doc in (item.before, item.after) if doc]


def _met(people: list[int]) -> set[int]:
    """The people and those who attended a meeting with them (who met them most, by name)."""
    return set(people) | _people(
        Participation.objects.filter(meeting__participations__person__in=people)
    )


# Document kind -> the people whose pages a change to those documents touches.
AFFECTED = {
    "official": lambda items: _met([item.object_id for item in items]),
    "position": lambda items: {doc["person"] for doc in _documents(items)},
    "organisation": lambda items: _people(
        Position.objects.filter(organisation__in=[item.object_id for item in items])
    ),
    # Their meetings attended, and who they met: the participants before and after.
    "meeting": lambda items: {
        participant["person"] for doc in _documents(items) for participant in doc["participants"]
    },
    "exhibition": lambda items: _people(
        Participation.objects.filter(meeting__exhibition__in=[item.object_id for item in items])
    ),
    "delegation": lambda items: {
        person
        for doc in _documents(items)
        for person in [doc["head"], *(member["person"] for member in doc["members"])]
        if person
    },
}


def _ids(items: list[changes.Followed]) -> list[int]:
    return [item.object_id for item in items]


def _organisations(queryset) -> set[int]:
    return set(queryset.values_list("organisation", flat=True)) - {None}


def _named(items: list[changes.Followed], key: str) -> set[int]:
    return {doc[key] for doc in _documents(items) if doc[key]}


# Document kind -> the organisations whose pages a change to those documents touches: the
# organisation itself, its parent and the bodies under it (which name it); the people holding
# positions there; the delegations it sent.
ORGANISATIONS_AFFECTED = {
    "organisation": lambda items: (
        set(_ids(items))
        | _named(items, "parent")
        | set(Organisation.objects.filter(parent__in=_ids(items)).values_list("pk", flat=True))
    ),
    "position": lambda items: _named(items, "organisation"),
    "official": lambda items: _organisations(Position.objects.filter(person__in=_ids(items))),
    "delegation": lambda items: _named(items, "organisation"),
}


def register() -> None:
    fragments.register(PAGES)
    fragments.follow("person_pages", KIND, AFFECTED)
    fragments.register(ORGANISATION_PAGES)
    fragments.follow("organisation_pages", ORGANISATION_KIND, ORGANISATIONS_AFFECTED)
