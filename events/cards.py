"""Meeting cards: the parts of a meeting that lists show, rendered on write (core.fragments).

A meeting in a list (the home page, the meetings list, topic, exhibition, delegation and
article pages, the relation page's timeline) shows who hosted whom, the title, the principals
with their roles and sides, the date with its precision, the place, the exhibition, the other
participants and the outcomes. Those parts are rendered in every interface language whenever
the partner document of the meeting, of an official it names, of its exhibition or of one of
its outcomes changes (a core.changes follower, in the same transaction), and removed when the
meeting leaves the public set.

A view hands its meetings to `with_cards`, which reads their parts in one query; the
templates under templates/events/cards/ say what each part shows.
"""

from core import changes, fragments
from events.models import Meeting

KIND = "meeting"
PARTS = {
    "kicker": "events/cards/kicker.html",
    "link": "events/cards/link.html",
    "principals": "events/cards/principals.html",
    "meta": "events/cards/meta.html",
    "people": "events/cards/people.html",
    "timeline": "events/cards/timeline.html",
}


def prefetch(queryset):
    """The meetings with what their cards show fetched along."""
    return queryset.select_related("exhibition").with_participants().prefetch_related("outcomes")


CARDS = fragments.FragmentKind(
    kind=KIND,
    public=Meeting.objects.published,
    prefetch=prefetch,
    parts=PARTS,
    name="meeting",
    included=("includes/meeting_date.html",),
)


def with_cards(meetings) -> list[Meeting]:
    """The meetings, each with `card`: its parts in the active language (public ones only)."""
    return fragments.attach(KIND, meetings)


# The fields of the meeting's document (events/serializers.py) that none of its parts show: a
# change to only these (its topics, summary, verification, the version stamps) leaves the
# cards as they are; a change to any other field, one added later included, renders them.
NOT_SHOWN = {"topics", "summary", "verification", "version", "updated_at"}


def _changed_meetings(items: list[changes.Followed]) -> set[int]:
    return fragments.changed(items, not_shown=NOT_SHOWN)


def _meetings_of_officials(items: list[changes.Followed]) -> set[int]:
    people = [item.object_id for item in items]
    meetings = Meeting.objects.published().filter(participations__person__in=people)
    return set(meetings.values_list("pk", flat=True))


def _meetings_at_exhibitions(items: list[changes.Followed]) -> set[int]:
    exhibitions = [item.object_id for item in items]
    meetings = Meeting.objects.published().filter(exhibition__in=exhibitions)
    return set(meetings.values_list("pk", flat=True))


def _meetings_of_outcomes(items: list[changes.Followed]) -> set[int]:
    # An outcome's document names its meeting, before and after (a move to another meeting).
    return {doc["meeting"] for item in items for doc in (item.before, item.after) if doc}


# The kinds of documents whose changes `affected` reads.
FOLLOWS = (KIND, "official", "exhibition", "outcome")


def affected(items: list[changes.Followed]) -> set[int]:
    """The meetings whose cards the changed documents touch."""
    by_kind = {
        KIND: _changed_meetings,
        "official": _meetings_of_officials,
        "exhibition": _meetings_at_exhibitions,
        "outcome": _meetings_of_outcomes,
    }
    found = set()
    for kind, affected in by_kind.items():
        if mine := [item for item in items if item.kind == kind]:
            found |= affected(mine)
    return found


def register() -> None:
    fragments.register(CARDS)
    changes.follow(
        changes.Follower(
            name="meeting_cards",
            kinds=FOLLOWS,
            affected=affected,
            refresh=lambda ids: fragments.refresh(KIND, ids),
        )
    )
