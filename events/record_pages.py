"""Topics', exhibitions' and delegations' pages, stored whole in every interface language
(core.fragments).

Each shows the record itself and the published meetings it gathers as cards: a topic its
latest meetings, an exhibition the meetings held there and its other editions, a delegation
its members, its part in each meeting and the meetings it attended. All of it is rendered
again, in the transaction of the change, whenever one of those documents or cards changes (a
core.changes follower); the articles on a topic or an exhibition are read with the page, as
they depend on those articles' own status (the views).
"""

from django.db.models import Prefetch

from core import changes, fragments
from events import cards as meeting_cards
from events.models import Delegation, DelegationMember, Exhibition, Meeting, Participation, Topic

TOPIC_KIND = "topic_page"
EXHIBITION_KIND = "exhibition_page"
DELEGATION_KIND = "delegation_page"
FRAME = ("base.html", "includes/seo_head.html")
CARD_TEMPLATES = ("includes/meeting_item.html",)
CODE = ("events.record_pages", "events.models", "events.views")


def _ids(items: list[changes.Followed]) -> list[int]:
    return [item.object_id for item in items]


def _documents(items: list[changes.Followed]):
    return [doc for item in items for doc in (item.before, item.after) if doc]


def _pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _of_meetings(field: str, meetings: set[int]) -> set[int]:
    """`field` (topics, exhibition, delegations) of these meetings."""
    found = Meeting.objects.filter(pk__in=meetings).values_list(field, flat=True)
    return set(found) - {None}


def _cards(field: str):
    """The records (by the meetings' `field`) listing the meetings whose cards the changed
    documents touch (events.cards), for each kind of document a card shows."""
    return dict.fromkeys(
        meeting_cards.FOLLOWS,
        lambda items: _of_meetings(field, meeting_cards.affected(items)),
    )


def _and(*resolvers):
    return lambda items: set().union(*(resolve(items) for resolve in resolvers))


def _topics(items):
    """The topics themselves, their parents and the topics under them (which name them)."""
    docs = _documents(items)
    return (
        set(_ids(items))
        | {doc["parent"] for doc in docs if doc["parent"]}
        | _pks(Topic.objects.filter(parent__in=_ids(items)))
    )


def _topics_of_meetings(items):
    # Before and after: a meeting that left the public set, or a topic, leaves its page.
    return {topic for doc in _documents(items) for topic in doc["topics"]}


def _editions(items):
    """The exhibitions themselves and the other editions of their series (which name them)."""
    series = {doc["series"]["slug"] for doc in _documents(items) if doc["series"]}
    return set(_ids(items)) | _pks(Exhibition.objects.filter(series__slug__in=series))


def _exhibitions_of_meetings(items):
    return {doc["exhibition"] for doc in _documents(items) if doc["exhibition"]}


def _delegations_naming(items):
    people = _ids(items)
    return (
        _pks(Delegation.objects.filter(head__in=people))
        | _pks(Delegation.objects.filter(memberships__person__in=people))
        | _pks(Delegation.objects.filter(participations__person__in=people))
    )


def _delegations_of_meetings(items):
    # A meeting's document names each participant's delegation: its part in the meeting.
    return {
        participant["delegation"]
        for doc in _documents(items)
        for participant in doc["participants"]
        if participant["delegation"]
    }


TOPICS_AFFECTED = {
    **_cards("topics"),
    "topic": _topics,
    "meeting": _and(_topics_of_meetings, _cards("topics")["meeting"]),
}
EXHIBITIONS_AFFECTED = {
    **_cards("exhibition"),
    "exhibition": _and(_editions, _cards("exhibition")["exhibition"]),
    "meeting": _and(_exhibitions_of_meetings, _cards("exhibition")["meeting"]),
    "organisation": lambda items: _pks(Exhibition.objects.filter(organiser__in=_ids(items))),
}
DELEGATIONS_AFFECTED = {
    **_cards("delegations"),
    # Its own document names its meetings (the published ones), members and head.
    "delegation": lambda items: set(_ids(items)),
    "meeting": _and(_delegations_of_meetings, _cards("delegations")["meeting"]),
    "official": _and(_delegations_naming, _cards("delegations")["official"]),
    "organisation": lambda items: _pks(Delegation.objects.filter(organisation__in=_ids(items))),
}


def topics_with_page(topics):
    return topics.select_related("parent").prefetch_related("children")


def exhibitions_with_page(exhibitions):
    return exhibitions.select_related("series", "organiser")


def delegations_with_page(delegations):
    return delegations.select_related("organisation", "head").prefetch_related(
        Prefetch("memberships", queryset=DelegationMember.objects.select_related("person")),
        Prefetch("meetings", queryset=Meeting.objects.published()),
        Prefetch(
            "participations",
            queryset=Participation.objects.published().select_related("person").host_first(),
        ),
    )


def _kind(kind: str, public, prefetch, name: str, template: str) -> fragments.FragmentKind:
    return fragments.FragmentKind(
        kind=kind,
        public=public,
        prefetch=prefetch,
        parts={},
        name=name,
        view=f"events.views.{name.title()}DetailView",
        page_templates=(template, *CARD_TEMPLATES, *FRAME),
        included=(*meeting_cards.CARDS.parts.values(), *meeting_cards.CARDS.included),
        code=CODE,
    )


PAGES = {
    TOPIC_KIND: (
        _kind(TOPIC_KIND, Topic.objects.all, topics_with_page, "topic", "events/topic_detail.html"),
        TOPICS_AFFECTED,
    ),
    EXHIBITION_KIND: (
        _kind(
            EXHIBITION_KIND,
            Exhibition.objects.all,
            exhibitions_with_page,
            "exhibition",
            "events/exhibition_detail.html",
        ),
        EXHIBITIONS_AFFECTED,
    ),
    DELEGATION_KIND: (
        _kind(
            DELEGATION_KIND,
            Delegation.objects.all,
            delegations_with_page,
            "delegation",
            "events/delegation_detail.html",
        ),
        DELEGATIONS_AFFECTED,
    ),
}


def register() -> None:
    for kind, (spec, affected) in PAGES.items():
        fragments.register(spec)
        fragments.follow(kind.replace("_page", "_pages"), kind, affected)
