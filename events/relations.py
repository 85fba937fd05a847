"""Bilateral relations: what the archive records between two countries.

Every function takes a canonical pair key ('az-tr') and runs a fixed number of queries,
however many meetings the pair has, so the relation page's cost does not grow with history.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from core.countries import canonical_pair, country_name, is_country_code
from core.links import slug_url
from events.models import Meeting, MeetingStatus, Outcome
from people.models import Person


@dataclass(frozen=True)
class Pair:
    """Two countries in canonical order, as they appear in /relations/<a>-<b>/."""

    first: str
    second: str

    @property
    def key(self) -> str:
        return f"{self.first}-{self.second}"

    @property
    def names(self) -> tuple[str, str]:
        return country_name(self.first), country_name(self.second)

    @property
    def label(self) -> str:
        return "–".join(self.names)

    def __str__(self):
        return self.label


def parse_pair(a: str, b: str) -> Pair | None:
    """The pair named by two codes in any order or case; None for unknown or repeated codes."""
    if not (is_country_code(a) and is_country_code(b)) or a.lower() == b.lower():
        return None
    return Pair(*canonical_pair(a, b))


def pair_from_key(key: str) -> Pair:
    first, second = key.split("-")
    return Pair(first, second)


def pair_meetings(pair: Pair):
    """The pair's meetings, newest first, with what the timeline shows of each."""
    return (
        Meeting.objects.published()
        .for_country_pair(pair.first, pair.second)
        .select_related("exhibition")
        .with_participants()
        .prefetch_related("outcomes")
        .order_by("-date", "-id")
    )


def most_active_pairs(limit: int | None = 10) -> list[tuple[Pair, int]]:
    """Country pairs with the most recorded meetings, most first (one query)."""
    rows = (
        Meeting.objects.published()
        .values("pair_key")
        .annotate(meetings=Count("id"))
        .order_by("-meetings", "pair_key")
    )
    if limit:
        rows = rows[:limit]
    return [(pair_from_key(row["pair_key"]), row["meetings"]) for row in rows]


def officials_who_met_most(pair: Pair, limit: int = 10):
    """People who took part in the most of the pair's meetings, each with meetings_count."""
    # filter() before annotate() on the same relation: the count covers this pair only. A
    # person takes part in a meeting once (participation_once_per_meeting), so counting
    # participations counts meetings, without DISTINCT's sort.
    return (
        Person.objects.filter(
            participations__meeting__pair_key=pair.key,
            participations__meeting__status=MeetingStatus.PUBLISHED,
        )
        .annotate(meetings_count=Count("participations"))
        .order_by("-meetings_count", "name")[:limit]
    )


def topics_by_year(pair: Pair) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """For each year, newest first: the topics of the pair's meetings as (name, address, count).

    A long-recorded pair has hundreds of (year, topic) cells, so each topic's address is built
    with slug_url, not reversed per cell in the template.
    """
    rows = (
        Meeting.topics.through.objects.filter(
            meeting__pair_key=pair.key, meeting__status=MeetingStatus.PUBLISHED
        )
        .annotate(year=ExtractYear("meeting__date"))
        .values("year", "topic__name", "topic__slug")
        # A meeting has a topic at most once (the through table's unique pair), so the rows
        # need no DISTINCT to count meetings.
        .annotate(n=Count("pk"))
        .order_by("-year", "-n", "topic__name")
    )
    years: dict[int, list[tuple[str, str, int]]] = {}
    for row in rows:
        url = slug_url("events:topic_detail", row["topic__slug"])
        years.setdefault(row["year"], []).append((row["topic__name"], url, row["n"]))
    return list(years.items())


# Meetings that are a visit by one side to the other: the event codes for a visit made or
# hosted, or the kind 'visit'. A phone call or a meeting on neutral ground is never a visit.
VISIT_CODES = ("042", "043")


@dataclass(frozen=True)
class YearSummary:
    """One year of a pair's record, as the timeline heads it."""

    year: int
    meetings: int
    visits: int
    hosted_by_first: int
    hosted_by_second: int
    outcomes: int  # recorded outcomes of any kind
    documents_known: int  # documents where the report gave a number
    outcomes_uncounted: int  # outcomes whose number of documents was not reported


def visit_q():
    from django.db.models import Q

    return (Q(kind="visit") | Q(cameo_code__in=VISIT_CODES)) & Q(third_location=False)


def year_summaries(pair: Pair) -> list[YearSummary]:
    """Per year, newest first: meetings, visits, who hosted, and outcomes as counted (two
    queries, whatever the length of the record)."""
    from django.db.models import Q, Sum

    meetings = (
        Meeting.objects.published()
        .for_country_pair(pair.first, pair.second)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            n=Count("id"),
            visits=Count("id", filter=visit_q()),
            first=Count("id", filter=Q(host_country=pair.first.upper(), third_location=False)),
            second=Count("id", filter=Q(host_country=pair.second.upper(), third_location=False)),
        )
    )
    outcomes = {
        row["year"]: row
        for row in Outcome.objects.published()
        .filter(meeting__pair_key=pair.key)
        .annotate(year=ExtractYear("meeting__date"))
        .values("year")
        .annotate(
            n=Count("id"),
            documents=Sum("count"),
            uncounted=Count("id", filter=Q(count__isnull=True)),
        )
    }
    rows = []
    for row in sorted(meetings, key=lambda r: -r["year"]):
        out = outcomes.get(row["year"], {})
        rows.append(
            YearSummary(
                year=row["year"],
                meetings=row["n"],
                visits=row["visits"],
                hosted_by_first=row["first"],
                hosted_by_second=row["second"],
                outcomes=out.get("n", 0),
                documents_known=out.get("documents") or 0,
                outcomes_uncounted=out.get("uncounted", 0),
            )
        )
    return rows


def meeting_places(pair: Pair) -> dict[str, int]:
    """Meetings per country they took place in (the host's when no place is recorded)."""
    from django.db.models import Case, F, When

    rows = (
        Meeting.objects.published()
        .for_country_pair(pair.first, pair.second)
        .annotate(
            where=Case(When(place_country="", then=F("host_country")), default=F("place_country"))
        )
        .values("where")
        .annotate(n=Count("id"))
        .order_by("-n", "where")
    )
    return {row["where"]: row["n"] for row in rows if row["where"]}


def meeting_cities(pair: Pair, limit: int = 12) -> list[tuple[str, str, int]]:
    """The cities the pair met in, most meetings first, as (city, country code, meetings)."""
    rows = (
        Meeting.objects.published()
        .for_country_pair(pair.first, pair.second)
        .exclude(city="")
        .values("city", "place_country")
        .annotate(n=Count("id"))
        .order_by("-n", "city")[:limit]
    )
    return [(row["city"], row["place_country"], row["n"]) for row in rows]


@dataclass
class Network:
    """Who met whom: officials of both sides, and how many meetings each pair of them shared."""

    nodes: list[dict]  # id, name, url, side, meetings
    edges: list[tuple[int, int, int]]  # person id, person id, meetings together


def who_met_whom(pair: Pair, limit: int = 12) -> Network:
    """The officials who took part most for each side (limit each), and the meetings each
    official of one side shared with each of the other (one query)."""
    from events.models import Participation

    rows = list(
        Participation.objects.published()
        .filter(meeting__pair_key=pair.key)
        .values_list("meeting_id", "person_id", "side", "person__name", "person__slug")
    )
    counts: dict[int, int] = {}
    people: dict[int, dict] = {}
    by_meeting: dict[int, list[int]] = {}
    for meeting_id, person_id, side, name, slug in rows:
        counts[person_id] = counts.get(person_id, 0) + 1
        people.setdefault(
            person_id,
            {
                "id": person_id,
                "name": name,
                "url": slug_url("people:person_detail", slug),
                "side": str(side).lower(),
            },
        )
        by_meeting.setdefault(meeting_id, []).append(person_id)
    nodes = []
    for side in (pair.first, pair.second):
        ranked = sorted(
            (p for p in people.values() if p["side"] == side),
            key=lambda p: (-counts[p["id"]], p["name"]),
        )[:limit]
        nodes += [p | {"meetings": counts[p["id"]]} for p in ranked]
    kept = {node["id"]: node for node in nodes}
    together: dict[tuple[int, int], int] = {}
    for members in by_meeting.values():
        present = [m for m in members if m in kept]
        for a in present:
            for b in present:
                if a < b and kept[a]["side"] != kept[b]["side"]:
                    together[(a, b)] = together.get((a, b), 0) + 1
    edges = [(a, b, n) for (a, b), n in sorted(together.items())]
    return Network(nodes, edges)
