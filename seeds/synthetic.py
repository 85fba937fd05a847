"""A deterministic synthetic archive for benchmarks and scale tests.

Proportions follow a busy desk: per 100,000 articles about 5,000 people with positions, 1,500
organisations, 60 countries, one meeting per three articles, delegations, outcomes, yearly
exhibition editions and a few dozen topics. Rows are bulk-inserted, so save() is bypassed:
the derived columns it would fill (folded search text, pair keys, sanitised bodies) are
computed here the same way.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.utils.text import slugify

from articles.models import Article, ArticleCountry, Source
from core.countries import pair_key
from core.text import fold
from events.models import (
    CameoCode,
    Delegation,
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

COUNTRIES = (
    "AZ TR GE AM IR RU UA KZ UZ TM KG TJ PK IN CN JP KR US CA GB FR DE IT ES PL RO BG GR HU CZ "
    "SK RS BA AL MK HR SI AT CH NL BE SE NO FI DK EE LV LT BY MD IL SA AE QA EG DZ MA IQ JO KW"
).split()

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
    "Arms control,Logistics,Exercises,Veterans,Shipbuilding,Drones,Satellite communications"
).split(",")
TITLES = ("Minister", "Deputy Minister", "Director", "Ambassador", "Chief")
ORG_KINDS = [k for k, _ in OrganisationKind.choices]
WORDS = (
    "cooperation defence ministry delegation agreement talks security region partnership "
    "industry production technology training exercise border forces contract visit minister "
    "strategic alliance joint project equipment supply modernisation protocol memorandum"
).split()

BATCH = 2_000


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


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _bulk(model, objects: list, progress: Callable[[int], None] | None = None) -> list:
    created = []
    for chunk in _chunks(objects):
        created += model.objects.bulk_create(chunk)
        if progress:
            progress(len(chunk))
    return created


def synthetic_archive_exists(prefix: str) -> bool:
    return Article.objects.filter(slug__startswith=prefix).exists()


@transaction.atomic
def generate_archive(
    *, articles: int, seed: int = 1, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Insert a synthetic archive of `articles` articles; same seed, same archive."""
    rng = random.Random(seed)
    size = Proportions(articles)
    prefix = f"g{seed}-"
    start_day = date(2012, 1, 1)
    span_days = (date(2026, 6, 30) - start_day).days

    topics = _bulk(
        Topic,
        [
            Topic(name=name if i < len(TOPIC_NAMES) else f"{name} {i}", slug=f"{prefix}topic-{i}")
            for i, name in enumerate(TOPIC_NAMES)
        ],
    )

    orgs = []
    for i in range(size.organisations):
        country = rng.choice(COUNTRIES)
        kind = rng.choice(ORG_KINDS)
        name = f"{kind.replace('_', ' ').title()} {rng.choice(SURNAMES)} {i} ({country})"
        acronym = "".join(w[0] for w in name.split()[:3]).upper()
        orgs.append(
            Organisation(
                name=name,
                slug=f"{prefix}org-{i}",
                acronym=acronym,
                kind=kind,
                country=country,
                search_names="\n".join((fold(name), fold(acronym))),
            )
        )
    orgs = _bulk(Organisation, orgs)

    people, aliases = [], []
    for i in range(size.people):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        ascii_name = fold(name).title()
        people.append(
            Person(
                name=name,
                slug=f"{prefix}person-{i}",
                honorific=rng.choice(
                    ["", "Mr.", "Ms.", "General", "Colonel General", "Ambassador"]
                ),
                country=rng.choice(COUNTRIES),
                search_names="\n".join(dict.fromkeys((fold(name), fold(ascii_name)))),
            )
        )
        aliases.append(ascii_name)
    people = _bulk(Person, people)
    _bulk(
        PersonAlias,
        [
            PersonAlias(person=p, name=alias, kind="transliteration")
            for p, alias in zip(people, aliases, strict=True)
            if alias != p.name
        ],
    )

    positions = []
    for person in people:
        org = rng.choice(orgs)
        begin = start_day + timedelta(days=rng.randrange(span_days))
        end = begin + timedelta(days=rng.randrange(200, 2000)) if rng.random() < 0.4 else None
        positions.append(
            Position(
                person=person,
                organisation=org,
                title=f"{rng.choice(TITLES)} of {org.name}",
                start_date=begin,
                end_date=end,
            )
        )
    _bulk(Position, positions)

    sources = _bulk(
        Source,
        [
            Source(name=f"Synthetic News Agency {i}", slug=f"{prefix}source-{i}", acronym=f"SNA{i}")
            for i in range(5)
        ],
    )

    series = _bulk(
        ExhibitionSeries,
        [
            ExhibitionSeries(name=f"Defence Expo {i} ({prefix})", slug=f"{prefix}expo-{i}")
            for i in range(size.exhibition_series)
        ],
    )
    exhibitions = []
    for s in series:
        country = rng.choice(COUNTRIES)
        for edition, year in enumerate(range(2012, 2027, 2), start=1):
            begin = date(year, rng.randint(1, 12), rng.randint(1, 25))
            name = f"{s.name.split(' (')[0]} {year}"
            exhibitions.append(
                Exhibition(
                    series=s,
                    edition=edition,
                    name=name,
                    slug=f"{s.slug}-{year}",
                    start_date=begin,
                    end_date=begin + timedelta(days=3),
                    venue="Expo Centre",
                    city=f"City {country}",
                    country=country,
                    search_text=fold(f"{name} {s.name} Expo Centre City {country}"),
                )
            )
    exhibitions = _bulk(Exhibition, exhibitions)

    meetings, meeting_topics, participations, outcomes = [], [], [], []
    for i in range(size.meetings):
        host, guest = rng.sample(COUNTRIES, 2)
        day = start_day + timedelta(days=rng.randrange(span_days))
        exhibition = rng.choice(exhibitions) if rng.random() < 0.2 else None
        title = (
            f"{fold(host).upper()}–{fold(guest).upper()} talks on {rng.choice(TOPIC_NAMES).lower()}"
        )
        meetings.append(
            Meeting(
                title=title,
                slug=f"{prefix}meeting-{i}",
                kind=rng.choice([k for k, _ in MeetingKind.choices]),
                cameo_code=rng.choice([c for c, _ in CameoCode.choices]),
                date=day,
                date_precision=rng.choice(["exact"] * 8 + ["inferred", "month"]),
                host_country=host,
                guest_country=guest,
                pair_key=pair_key(host, guest),
                city=f"City {host}",
                place_country=host,
                exhibition=exhibition,
                verification=rng.choice([v for v, _ in VerificationStatus.choices]),
                search_text=fold(f"{title} City {host}"),
            )
        )
    meetings = _bulk(Meeting, meetings)
    for meeting in meetings:
        for topic in rng.sample(topics, 2):
            meeting_topics.append(Meeting.topics.through(meeting=meeting, topic=topic))
        for role, person in zip(("host", "guest", "attendee"), rng.sample(people, 3), strict=True):
            participations.append(
                Participation(meeting=meeting, person=person, role=role, side=person.country)
            )
        if rng.random() < 0.3:
            outcomes.append(
                Outcome(
                    meeting=meeting,
                    kind=rng.choice([k for k, _ in OutcomeKind.choices]),
                    title=_sentence(rng, 5),
                    count=rng.choice([None, 1, 2, 3]),
                    signed_on=meeting.date,
                )
            )
    _bulk(Meeting.topics.through, meeting_topics)
    _bulk(Participation, participations)
    _bulk(Outcome, outcomes)

    # A delegation for every fourth meeting, sent by the guest side.
    delegated = meetings[::4]
    delegations = _bulk(
        Delegation,
        [
            Delegation(
                name=f"Delegation to {m.title}",
                slug=f"{prefix}delegation-{i}",
                country=m.guest_country,
                organisation=rng.choice(orgs),
                head=rng.choice(people),
            )
            for i, m in enumerate(delegated)
        ],
    )
    _bulk(
        Delegation.meetings.through,
        [
            Delegation.meetings.through(delegation=d, meeting=m)
            for d, m in zip(delegations, delegated, strict=True)
        ],
    )

    made = 0
    for chunk_start in range(0, articles, BATCH):
        batch = []
        links = {"people": [], "topics": [], "meetings": [], "organisations": [], "countries": []}
        for i in range(chunk_start, min(articles, chunk_start + BATCH)):
            meeting = meetings[i % len(meetings)]
            headline = f"{meeting.title.split(' talks')[0]} talks: {_sentence(rng, 8)}"
            standfirst = _sentence(rng, 20)
            paragraphs = [_sentence(rng, rng.randint(25, 60)) for _ in range(rng.randint(3, 6))]
            when = datetime.combine(meeting.date, time(rng.randrange(24), rng.randrange(60)), UTC)
            published = rng.random() < 0.95
            batch.append(
                Article(
                    headline=headline,
                    slug=f"{prefix}{slugify(headline)[:80]}-{i}",
                    dateline_place=meeting.city,
                    dateline_date=meeting.date,
                    standfirst=standfirst,
                    body="\n".join(f"<p>{p}</p>" for p in paragraphs),
                    byline="Synthetic desk",
                    source=sources[i % len(sources)],
                    language="en",
                    status="published" if published else rng.choice(["draft", "in_review"]),
                    published_at=when if published else None,
                    search_text=fold(" ".join([headline, standfirst, *paragraphs])),
                )
            )
        batch = Article.objects.bulk_create(batch)
        for article in batch:
            i = made
            meeting = meetings[i % len(meetings)]
            links["meetings"].append(Article.meetings.through(article=article, meeting=meeting))
            for person in rng.sample(people, 3):
                links["people"].append(Article.people.through(article=article, person=person))
            for topic in rng.sample(topics, 2):
                links["topics"].append(Article.topics.through(article=article, topic=topic))
            links["organisations"].append(
                Article.organisations.through(article=article, organisation=rng.choice(orgs))
            )
            for code in {str(meeting.host_country), str(meeting.guest_country)}:
                links["countries"].append(ArticleCountry(article=article, country=code))
            made += 1
        Article.meetings.through.objects.bulk_create(links["meetings"])
        Article.people.through.objects.bulk_create(links["people"])
        Article.topics.through.objects.bulk_create(links["topics"])
        Article.organisations.through.objects.bulk_create(links["organisations"])
        ArticleCountry.objects.bulk_create(links["countries"])
        if progress:
            progress(len(batch))

    return {
        "articles": made,
        "people": len(people),
        "organisations": len(orgs),
        "meetings": len(meetings),
        "exhibitions": len(exhibitions),
        "topics": len(topics),
        "countries": len(COUNTRIES),
    }
