"""The meeting page's own parts, rendered on write (core.fragments).

A meeting page is mostly the meeting itself: its facts (date, place, exhibition, countries,
kind, verification), its participants with their roles, sides and the titles they held that
day, its delegations and their members, its outcomes and their parties, and its topics. They
are stored rendered in every interface language and rendered again, in the transaction of
the change, whenever the meeting's document or the document of anything they name changes (a
core.changes follower). The whole page is stored as well (MeetingDetailView), but for the
articles reporting the meeting: read with the page, they depend on those articles' status.
"""

from django.db.models import Prefetch

from core import changes, fragments
from events.models import Delegation, DelegationMember, Meeting, Outcome, Participation

KIND = "meeting_page"


def prefetch(meetings):
    """The meetings with what their pages' parts show fetched along."""
    participations = Participation.objects.select_related("person", "delegation").host_first()
    delegations = Delegation.objects.select_related("organisation", "head").prefetch_related(
        Prefetch("memberships", queryset=DelegationMember.objects.select_related("person"))
    )
    return meetings.select_related("exhibition").prefetch_related(
        "topics",
        Prefetch("participations", queryset=participations),
        Prefetch("delegations", queryset=delegations),
        Prefetch("outcomes", queryset=Outcome.objects.prefetch_related("parties")),
    )


def _prepare(meetings: list[Meeting]) -> None:
    for meeting in meetings:
        if not hasattr(meeting, "titled_participants"):  # the same in every language
            meeting.titled_participants = meeting.participants_with_titles()


PAGES = fragments.FragmentKind(
    kind=KIND,
    public=Meeting.objects.published,
    prefetch=prefetch,
    parts={"meeting": "events/page/meeting.html"},
    name="meeting",
    included=("includes/meeting_date.html",),
    prepare=_prepare,
    view="events.views.MeetingDetailView",
    page_templates=("events/meeting_detail.html", "base.html", "includes/seo_head.html"),
    code=("events.pages", "events.models", "people.models"),
)


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _of_people(people: list[int]) -> set[int]:
    """Meetings naming these people: as participants, delegation heads or members."""
    return (
        _ids(Meeting.objects.filter(participations__person__in=people))
        | _ids(Meeting.objects.filter(delegations__head__in=people))
        | _ids(Meeting.objects.filter(delegations__memberships__person__in=people))
    )


def _named(items: list[changes.Followed], key: str) -> set:
    """What the documents name under `key`, before and after the change."""
    found = set()
    for doc in (document for item in items for document in (item.before, item.after)):
        if doc:
            value = doc[key]
            found.update(value if isinstance(value, list) else [value])
    return found


# Document kind -> the meetings whose pages a change to those documents touches.
AFFECTED = {
    "meeting": lambda items: {item.object_id for item in items},
    "official": lambda items: _of_people([item.object_id for item in items]),
    "position": lambda items: _of_people(list(_named(items, "person"))),
    "delegation": lambda items: _named(items, "meetings"),
    "organisation": lambda items: (
        _ids(Meeting.objects.filter(delegations__organisation__in=[i.object_id for i in items]))
        | _ids(Meeting.objects.filter(outcomes__parties__in=[i.object_id for i in items]))
    ),
    "outcome": lambda items: _named(items, "meeting"),
    "topic": lambda items: _ids(Meeting.objects.filter(topics__in=[i.object_id for i in items])),
    "exhibition": lambda items: _ids(
        Meeting.objects.filter(exhibition__in=[i.object_id for i in items])
    ),
}


def register() -> None:
    fragments.register(PAGES)
    fragments.follow("meeting_pages", KIND, AFFECTED)
