"""A deterministic synthetic archive for benchmarks and scale tests.

Proportions follow a busy desk: per 100,000 articles about 5,000 people with positions, 1,500
organisations, 60 countries (the desk's own relations far more often than the rest), one meeting
per three articles with participants, delegations and outcomes, yearly exhibition editions and a
few dozen topics. Every article is tagged with its meeting, the people who met, two or three
topics, an organisation or two and both countries.

Speed matters (100,000 articles in well under three minutes on two cores), so text is assembled
from pools of sentences drawn once, folded text is folded once per pool entry, and rows go to
the database as plain tuples through seeds.bulk (COPY on PostgreSQL). save() is bypassed: the
derived columns it would fill (folded search text, pair keys) are computed here the same way.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import accumulate

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, ArticleCountry, Source
from core import changes, fragments
from core.countries import country_name, pair_key
from core.text import fold
from events.models import (
    CameoCode,
    Delegation,
    DelegationMember,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
    Participation,
    Topic,
    VerificationStatus,
)
from people.models import Organisation, OrganisationKind, Person, PersonAlias, Position
from seeds.bulk import BulkLoader

COUNTRIES = (
    "AZ TR GE AM IR RU UA KZ UZ TM KG TJ PK IN CN JP KR US CA GB FR DE IT ES PL RO BG GR HU CZ "
    "SK RS BA AL MK HR SI AT CH NL BE SE NO FI DK EE LV LT BY MD IL SA AE QA EG DZ MA IQ JO KW"
).split()
# A desk covers its own neighbourhood most: a country's weight falls with its place in the list.
DESK_COUNTRIES = ("AZ", "AZ", "TR")  # the desk reports Azerbaijan's relations, Türkiye's next
COUNTRY_WEIGHTS = list(accumulate(1 / (rank + 1) for rank in range(len(COUNTRIES))))
CITIES = {
    "AZ": "Baku",
    "TR": "Ankara",
    "GE": "Tbilisi",
    "AM": "Yerevan",
    "IR": "Tehran",
    "RU": "Moscow",
    "UA": "Kyiv",
    "KZ": "Astana",
    "UZ": "Tashkent",
    "TM": "Ashgabat",
    "PK": "Islamabad",
}

FIRST_NAMES = (
    "Yaşar Zakir Kərim Cahit Haluk Əli Həsən Hüseyn Mehmet Ahmet Mustafa İsmail Rəşad Elçin "
    "Ülvi Şahin Gülnarə Ayşe Zeynep Leyla Nərgiz Aynur Oğuz Çağrı Emre Səbinə Fərid Vüqar "
    "Anna Maria John Pierre Hans Ivan Olena Giorgi Aram Reza Li Kenji"
).split()
SURNAMES = (
    "Güler Həsənov Vəliyev Bağcı Görgün Əliyev Məmmədov Yılmaz Kaya Demir Şahin Çelik Öztürk "
    "Aydın Özdemir Arslan Doğan Qasımov Hüseynov Rəhimov Quliyev İbrahimov Cəfərov Koç Kurt "
    "Smith Martin Müller Ivanov Kovalenko Beridze Petrosyan Karimi Wang Tanaka Rossi Novak"
).split()
TOPIC_NAMES = (
    "Military-technical cooperation,Joint production,Regional security,Military education,"
    "Military medicine,Technological innovation,Defence industry,Energy security,Trade,"
    "Transport corridors,Border security,Counter-terrorism,Cyber defence,Naval cooperation,"
    "Air defence,Peacekeeping,Humanitarian demining,Space cooperation,Intelligence sharing,"
    "Arms control,Logistics,Exercises,Veterans,Shipbuilding,Drones,Satellite communications,"
    "Pipelines,Agriculture,Education,Culture,Tourism,Health,Water management,Customs"
).split(",")
TITLES = ("Minister", "Deputy Minister", "Director", "Ambassador", "Chief", "Adviser")
ORG_KINDS = [k for k, _ in OrganisationKind.choices]
# Common words first: drawn with falling weights, as in real text, so that a search for a rare
# word finds few articles and a search for a common one finds many.
WORDS = (
    "the of and to in on with for a by at as that from was were is said ministers "
    "cooperation defence ministry delegation agreement talks security region partnership "
    "industry production technology training exercise border forces contract visit minister "
    "strategic alliance joint project equipment supply modernisation protocol memorandum "
    "officials discussed signed meeting countries bilateral relations military both sides "
    "development investment energy corridor pipeline trade transport logistics naval army "
    "air drones satellites cyber intelligence peacekeeping humanitarian demining veterans "
    "education academy medicine research innovation shipbuilding aviation armoured vehicles "
    "artillery radar missile systems procurement export licence framework roadmap summit "
    "commission working group consultations ambassador embassy parliament president prime "
    "government statement communique declaration readiness deepening expanding relationship "
    "friendly brotherly historic fraternal long-term prospects priorities interoperability "
    "standards certification maintenance repair overhaul spare parts ammunition uniforms "
    "rations fuel infrastructure ports railways highways customs tariffs quotas budget "
    "financing loan credit grant tender bid consortium subsidiary headquarters exhibition "
    "pavilion stand demonstration prototype serial delivery batch acceptance trials"
).split()
WORD_WEIGHTS = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(WORDS))))

CHUNK = 5_000  # articles built and sent per round trip


@dataclass(frozen=True)
class Proportions:
    articles: int

    def scaled(self, per_100k: int, minimum: int) -> int:
        return max(minimum, self.articles * per_100k // 100_000)

    @property
    def people(self) -> int:
        return self.scaled(5_000, 40)

    @property
    def organisations(self) -> int:
        return self.scaled(1_500, 20)

    @property
    def meetings(self) -> int:
        return max(1, self.articles // 3)

    @property
    def exhibition_series(self) -> int:
        return self.scaled(40, 3)


@dataclass(frozen=True)
class _Meeting:
    id: int
    host: str
    guest: str
    date: date
    city: str
    label: str  # "Azerbaijan–Türkiye", the start of its articles' headlines
    exhibition_id: int | None
    people: tuple[int, int, int]
    topics: tuple[int, ...]


def _sentences(rng: random.Random, count: int, low: int, high: int) -> list[str]:
    pool = []
    for _ in range(count):
        text = " ".join(rng.choices(WORDS, cum_weights=WORD_WEIGHTS, k=rng.randint(low, high)))
        pool.append(text[0].upper() + text[1:] + ".")
    return pool


def _country_pair(rng: random.Random) -> tuple[str, str]:
    """Host and guest: mostly the desk's own country with a partner, sometimes two others."""
    while True:
        if rng.random() < 0.8:
            ours = rng.choice(DESK_COUNTRIES)
            other = rng.choices(COUNTRIES, cum_weights=COUNTRY_WEIGHTS)[0]
            host, guest = (ours, other) if rng.random() < 0.5 else (other, ours)
        else:
            host, guest = rng.choices(COUNTRIES, cum_weights=COUNTRY_WEIGHTS, k=2)
        if host != guest:
            return host, guest


def synthetic_archive_exists(prefix: str) -> bool:
    return Article.objects.filter(slug__startswith=prefix).exists()


# Every table the generator writes, for the loader to lock and set indexes aside on.
LOADED_MODELS = (
    Topic,
    Organisation,
    Person,
    PersonAlias,
    Position,
    Source,
    ExhibitionSeries,
    Exhibition,
    Meeting,
    Meeting.topics.through,
    Participation,
    Outcome,
    Outcome.parties.through,
    Delegation,
    DelegationMember,
    Delegation.meetings.through,
    Article,
    Article.meetings.through,
    Article.people.through,
    Article.topics.through,
    Article.organisations.through,
    Article.exhibitions.through,
    ArticleCountry,
)


@transaction.atomic
def generate_archive(
    *, articles: int, seed: int = 1, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Insert a synthetic archive of `articles` articles; same seed, same archive."""
    loader = BulkLoader(connection, now=timezone.now())
    loader.set_aside_indexes(LOADED_MODELS)
    counts = _generate(loader, articles=articles, seed=seed, progress=progress)
    loader.restore_indexes()
    # Bulk inserts bypass the services: the documents of what they made public follow here,
    # and the cards of those objects with them.
    with fragments.inline():
        changes.publish_all()
    return counts


def _generate(
    loader: BulkLoader, *, articles: int, seed: int, progress: Callable[[int], None] | None
) -> dict[str, int]:
    rng = random.Random(seed)
    size = Proportions(articles)
    prefix = f"g{seed}-"
    start_day = date(2012, 1, 1)
    span_days = (date(2026, 6, 30) - start_day).days
    folded = lru_cache(maxsize=None)(fold)
    names = {code: country_name(code) for code in COUNTRIES}

    # Topics are shared vocabulary: reuse those already there (the seed story's, an earlier
    # seed's), and give new ones the slug the seed files use for the same name, so load_seeds
    # run afterwards updates them instead of adding a second topic of that name.
    existing = dict(Topic.objects.filter(name__in=TOPIC_NAMES).values_list("name", "pk"))
    missing = [name for name in TOPIC_NAMES if name not in existing]
    new_ids = dict(zip(missing, loader.reserve_ids(Topic, len(missing)), strict=True))
    loader.insert(
        Topic, ("id", "name", "slug"), [(pk, name, slugify(name)) for name, pk in new_ids.items()]
    )
    topic_ids = [existing.get(name) or new_ids[name] for name in TOPIC_NAMES]
    topic_names = dict(zip(topic_ids, TOPIC_NAMES, strict=True))

    org_ids = loader.reserve_ids(Organisation, size.organisations)
    org_rows, orgs_by_country, org_names = [], {}, {}
    for i, pk in enumerate(org_ids):
        country = rng.choices(COUNTRIES, cum_weights=COUNTRY_WEIGHTS)[0]
        kind = rng.choice(ORG_KINDS)
        name = f"{kind.replace('_', ' ').title()} {rng.choice(SURNAMES)} {i} ({names[country]})"
        acronym = "".join(w[0] for w in name.split()[:3]).upper()
        org_rows.append(
            (
                pk,
                name,
                f"{prefix}org-{i}",
                acronym,
                kind,
                country,
                f"{fold(name)}\n{acronym.lower()}",
            )
        )
        orgs_by_country.setdefault(country, []).append(pk)
        org_names[pk] = name
    loader.insert(
        Organisation, ("id", "name", "slug", "acronym", "kind", "country", "search_names"), org_rows
    )

    person_ids = loader.reserve_ids(Person, size.people)
    person_rows, alias_rows, people_by_country, person_names = [], [], {}, {}
    for i, pk in enumerate(person_ids):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        ascii_name = fold(name).title()
        country = rng.choices(COUNTRIES, cum_weights=COUNTRY_WEIGHTS)[0]
        honorific = rng.choice(["", "Mr.", "Ms.", "General", "Colonel General", "Ambassador"])
        search_names = "\n".join(dict.fromkeys((fold(name), fold(ascii_name))))
        person_rows.append((pk, name, f"{prefix}person-{i}", honorific, country, search_names))
        if ascii_name != name:
            alias_rows.append((pk, ascii_name, "transliteration"))
        people_by_country.setdefault(country, []).append(pk)
        person_names[pk] = name
    loader.insert(
        Person, ("id", "name", "slug", "honorific", "country", "search_names"), person_rows
    )
    loader.insert(PersonAlias, ("person_id", "name", "kind"), alias_rows)

    position_rows = []
    for pk, _, _, _, country, _ in person_rows:
        org = rng.choice(orgs_by_country.get(country) or org_ids)
        begin = start_day + timedelta(days=rng.randrange(span_days))
        end = begin + timedelta(days=rng.randrange(200, 2000)) if rng.random() < 0.4 else None
        position_rows.append((pk, org, f"{rng.choice(TITLES)} of {org_names[org]}", begin, end))
        if rng.random() < 0.3:  # an earlier post, ended before this one began
            earlier = rng.choice(org_ids)
            ended = begin - timedelta(days=rng.randrange(1, 400))
            position_rows.append(
                (
                    pk,
                    earlier,
                    f"{rng.choice(TITLES)} of {org_names[earlier]}",
                    ended - timedelta(days=rng.randrange(300, 3000)),
                    ended,
                )
            )
    loader.insert(
        Position, ("person_id", "organisation_id", "title", "start_date", "end_date"), position_rows
    )

    source_ids = loader.reserve_ids(Source, 8)
    loader.insert(
        Source,
        ("id", "name", "slug", "acronym"),
        [
            (pk, f"Synthetic News Agency {i} ({prefix})", f"{prefix}source-{i}", f"SNA{i}")
            for i, pk in enumerate(source_ids)
        ],
    )

    series_ids = loader.reserve_ids(ExhibitionSeries, size.exhibition_series)
    loader.insert(
        ExhibitionSeries,
        ("id", "name", "slug"),
        [
            (pk, f"Defence Expo {i} ({prefix})", f"{prefix}expo-{i}")
            for i, pk in enumerate(series_ids)
        ],
    )
    years = range(2012, 2026)
    exhibition_ids = loader.reserve_ids(Exhibition, len(series_ids) * len(years))
    exhibitions, exhibition_rows = [], []
    next_id = iter(exhibition_ids)
    for i, series in enumerate(series_ids):
        country = rng.choices(COUNTRIES, cum_weights=COUNTRY_WEIGHTS)[0]
        city = CITIES.get(country, names[country])
        for edition, year in enumerate(years, start=1):
            pk = next(next_id)
            begin = date(year, rng.randint(1, 12), rng.randint(1, 25))
            name = f"Defence Expo {i} {year}"
            series_name = f"Defence Expo {i} ({prefix})"
            exhibition_rows.append(
                (
                    pk,
                    series,
                    edition,
                    name,
                    f"{prefix}expo-{i}-{year}",
                    begin,
                    begin + timedelta(days=3),
                    "Expo Centre",
                    city,
                    country,
                    fold(f"{name} {series_name} Expo Centre {city}"),
                )
            )
            exhibitions.append((pk, country, city, begin))
    loader.insert(
        Exhibition,
        (
            "id",
            "series_id",
            "edition",
            "name",
            "slug",
            "start_date",
            "end_date",
            "venue",
            "city",
            "country",
            "search_text",
        ),
        exhibition_rows,
    )

    meeting_ids = loader.reserve_ids(Meeting, size.meetings)
    kinds = [k for k, _ in MeetingKind.choices]
    cameo_codes = [c for c, _ in CameoCode.choices]
    verifications = [v for v, _ in VerificationStatus.choices]
    outcome_kinds = [k for k, _ in OutcomeKind.choices]
    outcome_titles = _sentences(rng, 200, 4, 7)
    meetings: list[_Meeting] = []
    meeting_rows, meeting_topics, participations, outcomes = [], [], [], []
    for i, pk in enumerate(meeting_ids):
        exhibition_id = None
        if rng.random() < 0.15:  # met on the sidelines of an exhibition, in its host country
            exhibition_id, host, city, begin = rng.choice(exhibitions)
            guest = host
            while guest == host:
                guest = rng.choices(COUNTRIES, cum_weights=COUNTRY_WEIGHTS)[0]
            day = begin + timedelta(days=rng.randrange(4))
        else:
            host, guest = _country_pair(rng)
            city = CITIES.get(host, names[host])
            day = start_day + timedelta(days=rng.randrange(span_days))
        topics = tuple(rng.sample(topic_ids, 2))
        label = f"{names[host]}–{names[guest]}"
        title = f"{label} talks on {topic_names[topics[0]].lower()}"
        people = _participants(rng, people_by_country, person_ids, host, guest)
        meetings.append(_Meeting(pk, host, guest, day, city, label, exhibition_id, people, topics))
        created = datetime.combine(day, time(9), UTC)
        meeting_rows.append(
            (
                pk,
                title,
                f"{prefix}meeting-{i}",
                rng.choice(kinds),
                rng.choice(cameo_codes),
                day,
                rng.choice(["exact"] * 8 + ["inferred", "month"]),
                host,
                guest,
                pair_key(host, guest),
                city,
                host,
                exhibition_id,
                rng.choice(verifications),
                "published",
                created,
                created,
                created,
            )
        )
        meeting_topics += [(pk, topic) for topic in topics]
        participations += [
            (pk, person, role, person_country)
            for person, role, person_country in zip(
                people, ("host", "guest", "attendee"), (host, guest, ""), strict=True
            )
        ]
        if rng.random() < 0.3:
            outcomes.append(
                (
                    pk,
                    rng.choice(outcome_kinds),
                    rng.choice(outcome_titles),
                    rng.choice([None, 1, 2, 3]),
                    day,
                )
            )
    loader.insert(
        Meeting,
        (
            "id",
            "title",
            "slug",
            "kind",
            "cameo_code",
            "date",
            "date_precision",
            "host_country",
            "guest_country",
            "pair_key",
            "city",
            "place_country",
            "exhibition_id",
            "verification",
            "status",
            "published_at",
            "created_at",
            "updated_at",
        ),
        meeting_rows,
    )
    loader.insert(Meeting.topics.through, ("meeting_id", "topic_id"), meeting_topics)
    loader.insert(Participation, ("meeting_id", "person_id", "role", "side"), participations)
    outcome_ids = loader.reserve_ids(Outcome, len(outcomes))
    loader.insert(
        Outcome,
        ("id", "meeting_id", "kind", "title", "count", "signed_on"),
        [(pk, *row) for pk, row in zip(outcome_ids, outcomes, strict=True)],
    )
    loader.insert(
        Outcome.parties.through,
        ("outcome_id", "organisation_id"),
        [(pk, rng.choice(org_ids)) for pk in outcome_ids],
    )

    # A delegation for every fourth meeting, sent by the guest side and led by its participant.
    delegated = meetings[::4]
    delegation_ids = loader.reserve_ids(Delegation, len(delegated))
    delegation_rows, members = [], []
    for i, (pk, m) in enumerate(zip(delegation_ids, delegated, strict=True)):
        head = m.people[1]
        delegation_rows.append(
            (
                pk,
                f"{names[m.guest]} delegation to {names[m.host]}, {m.date:%B %Y}",
                f"{prefix}delegation-{i}",
                m.guest,
                rng.choice(orgs_by_country.get(m.guest) or org_ids),
                head,
            )
        )
        pool = people_by_country.get(m.guest) or person_ids
        members += [(pk, person) for person in dict.fromkeys(rng.sample(pool, min(3, len(pool))))]
    loader.insert(
        Delegation,
        ("id", "name", "slug", "country", "organisation_id", "head_id"),
        delegation_rows,
    )
    loader.insert(DelegationMember, ("delegation_id", "person_id"), members)
    loader.insert(
        Delegation.meetings.through,
        ("delegation_id", "meeting_id"),
        [(pk, m.id) for pk, m in zip(delegation_ids, delegated, strict=True)],
    )

    made = 0
    for rows in _article_chunks(
        loader, rng, meetings, articles, prefix, folded, source_ids, person_names
    ):
        made += _insert_articles(loader, rng, rows, topic_ids, org_ids)
        if progress:
            progress(len(rows))

    return {
        "articles": made,
        "people": len(person_ids),
        "organisations": len(org_ids),
        "meetings": len(meetings),
        "exhibitions": len(exhibitions),
        "topics": len(topic_ids),
        "countries": len(COUNTRIES),
    }


def _participants(
    rng: random.Random, by_country: dict[str, list[int]], everyone: list[int], host: str, guest: str
) -> tuple[int, int, int]:
    """A host from the host country, a guest from the guest country, one more; all different."""
    chosen: list[int] = []
    for pool in (by_country.get(host), by_country.get(guest), everyone):
        person = rng.choice(pool or everyone)
        while person in chosen:
            person = rng.choice(everyone)
        chosen.append(person)
    return chosen[0], chosen[1], chosen[2]


ARTICLE_COLUMNS = (
    "id",
    "headline",
    "slug",
    "dateline_place",
    "dateline_date",
    "standfirst",
    "body",
    "byline",
    "source_id",
    "language",
    "status",
    "published_at",
    "search_text",
    "created_at",
    "updated_at",
)


def _article_chunks(
    loader: BulkLoader,
    rng: random.Random,
    meetings: list[_Meeting],
    articles: int,
    prefix: str,
    folded: Callable[[str], str],
    source_ids: list[int],
    person_names: dict[int, str],
) -> Iterator[list[tuple[tuple, _Meeting]]]:
    """Article rows, CHUNK at a time, each with the meeting it reports."""
    sentences = _sentences(rng, 4096, 8, 18)
    sentences_folded = [fold(s) for s in sentences]
    headlines = _sentences(rng, 1024, 5, 9)
    headlines_folded = [fold(h) for h in headlines]
    headline_slugs = [slugify(h)[:60] for h in headlines]
    pool = range(len(sentences))
    for start in range(0, articles, CHUNK):
        count = min(CHUNK, articles - start)
        ids = loader.reserve_ids(Article, count)
        rows = []
        for offset, pk in enumerate(ids):
            i = start + offset
            m = meetings[i % len(meetings)]
            h = rng.randrange(len(headlines))
            s = rng.randrange(len(sentences))
            paragraphs = [rng.choices(pool, k=rng.randint(2, 4)) for _ in range(rng.randint(3, 6))]
            host, guest = person_names[m.people[0]], person_names[m.people[1]]
            lead = f"{host} met {guest} in {m.city}."
            body = "\n".join(
                [f"<p>{lead}</p>"]
                + [
                    f"<p>{' '.join(sentences[p] for p in paragraph)}</p>"
                    for paragraph in paragraphs
                ]
            )
            # fold() works letter by letter, so the folded pieces joined equal the joined text
            # folded; only the names need the slow path, and they repeat.
            search_text = " ".join(
                (
                    folded(f"{m.label} talks:"),
                    headlines_folded[h],
                    sentences_folded[s],
                    f"{folded(host)} met {folded(guest)} in {folded(m.city)}.",
                    *(sentences_folded[p] for paragraph in paragraphs for p in paragraph),
                )
            )
            when = datetime.combine(
                m.date + timedelta(days=rng.randrange(3)),
                time(rng.randrange(24), rng.randrange(60)),
                UTC,
            )
            published = rng.random() < 0.95
            status = "published" if published else rng.choice(["draft", "review"])
            row = (
                pk,
                f"{m.label} talks: {headlines[h]}",
                f"{prefix}{m.host.lower()}-{m.guest.lower()}-{headline_slugs[h]}-{i}",
                m.city,
                m.date,
                sentences[s],
                body,
                "Synthetic desk",
                source_ids[i % len(source_ids)],
                "en",
                status,
                when if published else None,
                search_text,
                when,
                when,
            )
            rows.append((row, m))
        yield rows


def _insert_articles(
    loader: BulkLoader,
    rng: random.Random,
    rows: list[tuple[tuple, _Meeting]],
    topic_ids: list[int],
    org_ids: list[int],
) -> int:
    links: dict[type, list[tuple]] = {
        Article.meetings.through: [],
        Article.people.through: [],
        Article.topics.through: [],
        Article.organisations.through: [],
        Article.exhibitions.through: [],
        ArticleCountry: [],
    }
    for row, m in rows:
        pk = row[0]
        links[Article.meetings.through].append((pk, m.id))
        links[Article.people.through] += [(pk, person) for person in m.people]
        topics = m.topics
        if rng.random() < 0.4:
            extra = rng.choice(topic_ids)
            topics = topics if extra in topics else (*topics, extra)
        links[Article.topics.through] += [(pk, topic) for topic in topics]
        links[Article.organisations.through] += [
            (pk, org) for org in dict.fromkeys(rng.choices(org_ids, k=rng.randint(1, 2)))
        ]
        if m.exhibition_id:
            links[Article.exhibitions.through].append((pk, m.exhibition_id))
        links[ArticleCountry] += [(pk, code) for code in sorted((m.host, m.guest))]
    loader.insert(Article, ARTICLE_COLUMNS, [row for row, _ in rows])
    columns = {
        Article.meetings.through: ("article_id", "meeting_id"),
        Article.people.through: ("article_id", "person_id"),
        Article.topics.through: ("article_id", "topic_id"),
        Article.organisations.through: ("article_id", "organisation_id"),
        Article.exhibitions.through: ("article_id", "exhibition_id"),
        ArticleCountry: ("article_id", "country"),
    }
    for model, link_rows in links.items():
        loader.insert(model, columns[model], link_rows)
    return len(rows)
