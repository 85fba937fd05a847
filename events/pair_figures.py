"""The relation pages' per-pair figures, kept in `PairFigures` by the change log.

A relation page shows, for its pair, counts per year, who met whom, where they met, the
officials who met most and the topics over time. Computing those from every meeting on each
request cost the page most of its time on a long record, so they are stored: whenever the
partner document of a meeting, an outcome or an official changes (core.changes `follow`),
the figures of the pairs it was and is part of are computed again in the same transaction.
A draft is no document, so it never counts; publishing, withdrawing or deleting a meeting
changes its document, so the figures follow.

Each refresh runs a fixed number of set-based queries for any number of pairs, so a bulk load
(publish_all) refreshes every pair at once.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Case, Count, F, Q, Sum, When
from django.db.models.functions import ExtractYear, Left, Upper

from core import changes
from events.models import Meeting, MeetingStatus, Outcome, PairFigures, Participation

NETWORK_PER_SIDE = 12  # officials of each side drawn in the network
OFFICIALS_SHOWN = 10
CITIES_SHOWN = 12
# Meetings that are a visit by one side to the other: the event codes for a visit made or
# hosted, or the kind 'visit'. A phone call or a meeting on neutral ground is never a visit.
VISIT_CODES = ("042", "043")


def visit_q() -> Q:
    return (Q(kind="visit") | Q(cameo_code__in=VISIT_CODES)) & Q(third_location=False)


def _years(keys: list[str]) -> dict[str, list[dict]]:
    """Per pair, newest year first: meetings, visits, who hosted, outcomes as counted."""
    hosted = Q(third_location=False)
    meetings = (
        Meeting.objects.published()
        .filter(pair_key__in=keys)
        .annotate(year=ExtractYear("date"))
        .values("pair_key", "year")
        .annotate(
            n=Count("id"),
            visits=Count("id", filter=visit_q()),
            first=Count("id", filter=hosted & Q(host_country=Upper(Left("pair_key", 2)))),
            second=Count("id", filter=hosted & ~Q(host_country=Upper(Left("pair_key", 2)))),
        )
    )
    outcomes = {
        (row["meeting__pair_key"], row["year"]): row
        for row in Outcome.objects.published()
        .filter(meeting__pair_key__in=keys)
        .annotate(year=ExtractYear("meeting__date"))
        .values("meeting__pair_key", "year")
        .annotate(
            n=Count("id"),
            documents=Sum("count"),
            uncounted=Count("id", filter=Q(count__isnull=True)),
        )
    }
    years: dict[str, list[dict]] = defaultdict(list)
    for row in sorted(meetings, key=lambda r: (r["pair_key"], -r["year"])):
        out = outcomes.get((row["pair_key"], row["year"]), {})
        years[row["pair_key"]].append(
            {
                "year": row["year"],
                "meetings": row["n"],
                "visits": row["visits"],
                "hosted_by_first": row["first"],
                "hosted_by_second": row["second"],
                "outcomes": out.get("n", 0),
                "documents_known": out.get("documents") or 0,
                "outcomes_uncounted": out.get("uncounted", 0),
            }
        )
    return years


def _places(keys: list[str]) -> tuple[dict[str, list], dict[str, list]]:
    """Per pair: meetings per country they took place in (the host's when none is recorded),
    and the cities, most meetings first."""
    where = Case(When(place_country="", then=F("host_country")), default=F("place_country"))
    published = Meeting.objects.published().filter(pair_key__in=keys)
    places: dict[str, list] = defaultdict(list)
    for row in (
        published.annotate(where=where)
        .values("pair_key", "where")
        .annotate(n=Count("id"))
        .order_by("pair_key", "-n", "where")
    ):
        if row["where"]:
            places[row["pair_key"]].append([row["where"], row["n"]])
    cities: dict[str, list] = defaultdict(list)
    for row in (
        published.exclude(city="")
        .values("pair_key", "city", "place_country")
        .annotate(n=Count("id"))
        .order_by("pair_key", "-n", "city")
    ):
        if len(cities[row["pair_key"]]) < CITIES_SHOWN:
            cities[row["pair_key"]].append([row["city"], row["place_country"], row["n"]])
    return places, cities


def _people(keys: list[str]) -> dict[str, dict]:
    """Per pair: the officials who met most, and the network of both sides' most present."""
    rows = (
        Participation.objects.published()
        .filter(meeting__pair_key__in=keys)
        .values_list(
            "meeting__pair_key",
            "meeting_id",
            "person_id",
            "side",
            "person__name",
            "person__slug",
            "person__country",
        )
    )
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    people: dict[str, dict[int, list]] = defaultdict(dict)
    by_meeting: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for key, meeting_id, person_id, side, name, slug, country in rows:
        counts[key][person_id] += 1
        if person_id not in people[key]:
            people[key][person_id] = [name, slug, str(country), str(side).lower()]
        by_meeting[key][meeting_id].append(person_id)

    out = {}
    for key, known in people.items():
        count = counts[key]
        ranked = sorted(known, key=lambda pk: (-count[pk], known[pk][0]))
        nodes = []
        for side in key.split("-"):
            nodes += [pk for pk in ranked if known[pk][3] == side][:NETWORK_PER_SIDE]
        kept = set(nodes)
        together: dict[tuple[int, int], int] = defaultdict(int)
        for members in by_meeting[key].values():
            present = [m for m in members if m in kept]
            for a in present:
                for b in present:
                    if a < b and known[a][3] != known[b][3]:
                        together[(a, b)] += 1
        officials = ranked[:OFFICIALS_SHOWN]
        out[key] = {
            "people": {str(pk): known[pk] for pk in kept | set(officials)},
            "nodes": [[pk, count[pk]] for pk in nodes],
            "edges": [[a, b, n] for (a, b), n in sorted(together.items())],
            "officials": [[pk, count[pk]] for pk in officials],
        }
    return out


def _topics(keys: list[str]) -> dict[str, list]:
    """Per pair, newest year first: [year, topic id, meetings]; names are read with the page
    (a topic renamed changes no meeting)."""
    rows = (
        Meeting.topics.through.objects.filter(
            meeting__pair_key__in=keys, meeting__status=MeetingStatus.PUBLISHED
        )
        .annotate(year=ExtractYear("meeting__date"))
        .values("meeting__pair_key", "year", "topic_id")
        # A meeting has a topic at most once (the through table's unique pair).
        .annotate(n=Count("pk"))
        .order_by("meeting__pair_key", "-year", "-n", "topic_id")
    )
    topics: dict[str, list] = defaultdict(list)
    for row in rows:
        topics[row["meeting__pair_key"]].append([row["year"], row["topic_id"], row["n"]])
    return topics


def _lock(keys: list[str]) -> None:
    """The pairs' rows, created where missing, locked in key order: a concurrent write to the
    same pair waits here and then computes with this one's rows committed."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PairFigures._meta.db_table} (pair_key, meetings, figures)"
            " SELECT key, 0, '{}'::jsonb FROM unnest(%s::text[]) AS key"
            " ON CONFLICT (pair_key) DO NOTHING",
            [keys],
        )
    list(PairFigures.objects.select_for_update().filter(pair_key__in=keys).order_by("pair_key"))


def pair_figures_refresh(*, keys: Iterable[str]) -> None:
    """Compute the figures of these pairs again from the published meetings and store them."""
    keys = sorted({key for key in keys if key})
    if not keys:
        return
    _lock(keys)
    years = _years(keys)
    places, cities = _places(keys)
    people = _people(keys)
    topics = _topics(keys)
    rows = []
    for key in keys:
        figures = {
            "years": years.get(key, []),
            "places": places.get(key, []),
            "cities": cities.get(key, []),
            "topics": topics.get(key, []),
            **people.get(key, {"people": {}, "nodes": [], "edges": [], "officials": []}),
        }
        meetings = sum(row["meetings"] for row in figures["years"])
        rows.append(PairFigures(pair_key=key, meetings=meetings, figures=figures))
    PairFigures.objects.bulk_update(rows, ["meetings", "figures"])


def pair_figures_rebuild() -> None:
    """Every pair's figures from scratch (after a bulk load, or when the table is new)."""
    keys = set(Meeting.objects.values_list("pair_key", flat=True).distinct())
    keys |= set(PairFigures.objects.values_list("pair_key", flat=True))
    pair_figures_refresh(keys=keys)


def _pairs_of_meetings(items: list[changes.Followed]) -> set[str]:
    return {doc["pair_key"] for item in items for doc in (item.before, item.after) if doc}


def _pairs_of_outcomes(items: list[changes.Followed]) -> set[str]:
    # A deleted meeting's outcomes go with it; its own document names its pair.
    meetings = {doc["meeting"] for item in items for doc in (item.before, item.after) if doc}
    return set(Meeting.objects.filter(pk__in=meetings).values_list("pair_key", flat=True))


def _pairs_of_officials(items: list[changes.Followed]) -> set[str]:
    """Pairs whose figures name the official (a new name, slug or country)."""
    return set(
        Participation.objects.published()
        .filter(person__in=[item.object_id for item in items])
        .values_list("meeting__pair_key", flat=True)
        .distinct()
    )


def _affected(items: list[changes.Followed]) -> set[str]:
    found = set()
    by_kind = {
        "meeting": _pairs_of_meetings,
        "outcome": _pairs_of_outcomes,
        "official": _pairs_of_officials,
    }
    for kind, affected in by_kind.items():
        mine = [item for item in items if item.kind == kind]
        if mine:
            found |= affected(mine)
    return found


def register() -> None:
    changes.follow(
        changes.Follower(
            name="pair_figures",
            kinds=("meeting", "outcome", "official"),
            affected=_affected,
            refresh=lambda keys: pair_figures_refresh(keys=keys),
        )
    )
