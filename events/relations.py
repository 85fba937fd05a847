"""Bilateral relations: what the archive records between two countries.

Every function takes a canonical pair key ('az-tr') and runs a fixed number of queries,
however many meetings the pair has, so the relation page's cost does not grow with history.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from core.countries import canonical_pair, country_name, is_country_code
from core.links import slug_url
from events.models import Meeting, MeetingStatus, Outcome, OutcomeKind
from people.models import Person

# Outcomes that count as an agreement on the chart; a joint statement binds no one.
AGREEMENT_KINDS = (
    OutcomeKind.CONTRACT,
    OutcomeKind.MEMORANDUM,
    OutcomeKind.PROTOCOL,
    OutcomeKind.AGREEMENT,
)


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


@dataclass(frozen=True)
class YearActivity:
    year: int
    meetings: int
    agreements: int


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


def activity_by_year(pair: Pair) -> list[YearActivity]:
    """Meetings and agreements signed at them, per year of the meeting, oldest first.

    An agreement is one recorded outcome, even when it covers several documents whose
    number the report did not give.
    """
    meetings = dict(
        Meeting.objects.published()
        .for_country_pair(pair.first, pair.second)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    agreements = dict(
        Outcome.objects.published()
        .filter(meeting__pair_key=pair.key, kind__in=AGREEMENT_KINDS)
        .annotate(year=ExtractYear("meeting__date"))
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    if not meetings:
        return []
    years = range(min(meetings), max(meetings) + 1)
    return [YearActivity(y, meetings.get(y, 0), agreements.get(y, 0)) for y in years]


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
