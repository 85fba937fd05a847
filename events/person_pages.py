"""The official's page, stored whole in every interface language (core.fragments).

An official's page shows their names and aliases, the positions they held and where, the
published meetings they attended (title, date, place, exhibition, their role), the
delegations they headed or joined, and the people they met most often. All of it is rendered
again, in the transaction of the change, whenever the document of one of those changes (a
core.changes follower); the articles mentioning them are read with the page, as they depend
on those articles' own status (PersonDetailView).
"""

from core import changes, fragments
from events.models import Participation
from people.models import Person, Position
from people.views import with_page

KIND = "person_page"

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
        "base.html",
        "includes/seo_head.html",
    ),
    code=(
        "events.person_pages",
        "events.models",
        "events.templatetags.meeting_lists",
        "people.models",
    ),
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


def _affected(items: list[changes.Followed]) -> set[int]:
    found = set()
    for kind, affected in AFFECTED.items():
        if mine := [item for item in items if item.kind == kind]:
            found |= affected(mine)
    return found


def register() -> None:
    fragments.register(PAGES)
    changes.follow(
        changes.Follower(
            name="person_pages",
            kinds=tuple(AFFECTED),
            affected=_affected,
            refresh=lambda ids: fragments.refresh(KIND, ids),
        )
    )
