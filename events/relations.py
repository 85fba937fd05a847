"""Bilateral relations: what the archive records between two countries.

The figures of a pair (counts per year, who met whom, where, topics) are stored in
`PairFigures`, kept up to date by the change log (events/pair_figures.py); reading them is
one query, however long the pair's record.
"""

from dataclasses import dataclass, field

from django_countries.fields import Country

from core.countries import canonical_pair, country_name, is_country_code
from core.links import slug_url
from events.models import Meeting, PairFigures, Topic


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
    """The pair's meetings, newest first (their timeline items: events.cards)."""
    return (
        Meeting.objects.published()
        .for_country_pair(pair.first, pair.second)
        .order_by("-date", "-id")
    )


def most_active_pairs(limit: int | None = 10) -> list[tuple[Pair, int]]:
    """Country pairs with the most published meetings, most first (one query)."""
    rows = PairFigures.objects.most_active().values_list("pair_key", "meetings")
    if limit:
        rows = rows[:limit]
    return [(pair_from_key(key), meetings) for key, meetings in rows]


def countries_that_met() -> list[tuple[str, str]]:
    """(code, name) of every country in a pair that has met, by name in the reader's language."""
    keys = PairFigures.objects.recorded().values_list("pair_key", flat=True)
    codes = {code for key in keys for code in key.split("-")}
    return sorted(((code, country_name(code)) for code in codes), key=lambda c: c[1].casefold())


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


@dataclass
class Network:
    """Who met whom: officials of both sides, and how many meetings each pair of them shared."""

    nodes: list[dict]  # id, name, url, side, meetings
    edges: list[tuple[int, int, int]]  # person id, person id, meetings together


@dataclass(frozen=True)
class Official:
    """An official who took part in the pair's meetings, as the relation page lists them."""

    id: int
    name: str
    slug: str
    country: Country
    meetings_count: int

    def get_absolute_url(self) -> str:
        return slug_url("people:person_detail", self.slug)


@dataclass
class Figures:
    """Everything the relation page shows about a pair besides its timeline and articles."""

    meetings: int = 0
    years: list[YearSummary] = field(default_factory=list)
    network: Network = field(default_factory=lambda: Network([], []))
    places: dict[str, int] = field(default_factory=dict)  # country code -> meetings
    cities: list[tuple[str, str, int]] = field(default_factory=list)  # city, country, meetings
    officials: list[Official] = field(default_factory=list)
    # For each year, newest first: the topics as (name, address, meetings).
    topics_by_year: list[tuple[int, list[tuple[str, str, int]]]] = field(default_factory=list)


def pair_figures(pair: Pair) -> Figures:
    """The pair's stored figures (one query, and one for the names of its topics)."""
    row = PairFigures.objects.filter(pair_key=pair.key).values_list("meetings", "figures").first()
    if not row or not row[0]:
        return Figures()
    meetings, data = row
    people = {int(pk): person for pk, person in data["people"].items()}

    def official(pk: int, count: int) -> Official:
        name, slug, country, _side = people[pk]
        return Official(pk, name, slug, Country(country), count)

    nodes = [
        {
            "id": pk,
            "name": people[pk][0],
            "url": slug_url("people:person_detail", people[pk][1]),
            "side": people[pk][3],
            "meetings": count,
        }
        for pk, count in data["nodes"]
    ]
    return Figures(
        meetings=meetings,
        years=[YearSummary(**year) for year in data["years"]],
        network=Network(nodes, [tuple(edge) for edge in data["edges"]]),
        places=dict(data["places"]),
        cities=[tuple(city) for city in data["cities"]],
        officials=[official(pk, count) for pk, count in data["officials"]],
        topics_by_year=_topics_by_year(data["topics"]),
    )


def _topics_by_year(cells: list) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """Stored [year, topic id, meetings] cells with the topics' current names, most meetings
    first within a year, then by name.

    A long-recorded pair has hundreds of (year, topic) cells, so each topic's address is built
    with slug_url, not reversed per cell in the template.
    """
    topics = {
        pk: (name, slug_url("events:topic_detail", slug))
        for pk, name, slug in Topic.objects.filter(pk__in={c[1] for c in cells}).values_list(
            "pk", "name", "slug"
        )
    }
    years: dict[int, list[tuple[str, str, int]]] = {}
    for year, topic, count in cells:
        if topic in topics:
            years.setdefault(year, []).append((*topics[topic], count))
    return [
        (year, sorted(cells, key=lambda cell: (-cell[2], cell[0]))) for year, cells in years.items()
    ]
