"""Articles as IPTC ninjs 2.2 documents (standards/ninjs-schema_2.2.json), rendered on write.

The schema is closed: no key of our own may be added. Our ids and addresses travel in the
standard slots instead: `uri` (the stable API address of each person, organisation, meeting,
exhibition or topic, so partners can join them to the other endpoints), `literal` (our slug),
`rel` (how the item relates to the article) and `altids` (the article's own id and slug).

The document is stored by core.changes whenever it changes; `DEPENDS_ON` below is the one
answer to "which articles does a change to that row affect?".
"""

from functools import lru_cache

from django.db.models import Prefetch

from articles.models import Article
from core import changes
from core.changes import api_uri
from core.countries import country_name, pair_key
from core.links import web_url
from core.text import html_to_text
from events.models import Exhibition, Meeting, Participation, Topic
from people.models import Organisation, Person

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
STANDARD = {"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA}
PROFILE = "bilateral-archive-article"

# Participation roles in a reported meeting, as ninjs `rel` values for people.
PERSON_RELS = {
    "host": "host",
    "guest": "guest",
    "head_of_delegation": "head-of-delegation",
    "member": "delegation-member",
    "attendee": "participant",
}


def _public_meetings():
    # Only meetings the public may see are named in a public article.
    return Meeting.objects.published()


def _with_tags(queryset):
    # Only the columns the document shows: a fan-out renders thousands of articles at once.
    participations = Participation.objects.select_related(None).only(
        "meeting_id", "person_id", "role"
    )
    return queryset.select_related("source", "source__organisation").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.only("name", "slug")),
        "countries",
        Prefetch("people", queryset=Person.objects.only("name", "slug")),
        Prefetch("organisations", queryset=Organisation.objects.only("name", "slug")),
        Prefetch(
            "exhibitions",
            queryset=Exhibition.objects.only(
                "name", "slug", "start_date", "venue", "city", "country"
            ),
        ),
        Prefetch(
            "meetings",
            queryset=_public_meetings()
            .only("title", "slug", "date")
            .order_by("-date", "-id")
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=participations.order_by("meeting_id", "role", "person__name", "id"),
                )
            ),
        ),
    )


def render_articles(ids: list[int]) -> dict[int, dict]:
    """The ninjs documents of those articles that are published, by id."""
    # The search columns (a tsvector and its text, larger than the body) are not shown.
    rows = Article.objects.published().filter(pk__in=ids).defer("search_text", "search_document")
    articles = _with_tags(rows)
    _country_names.cache_clear()  # names in the language active now
    return {article.pk: _document(article) for article in articles}


def _linked(obj, name: str):
    """obj.<name>.all() from the prefetch, without building a manager and a QuerySet per call
    (a fan-out renders thousands of articles, and that cost more than the rest)."""
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    return prefetched[name] if name in prefetched else getattr(obj, name).all()


@lru_cache(maxsize=512)
def _country_names(code: str) -> str:
    # django-countries translates the name on every call.
    return country_name(code)


def article_tombstone(pk: int) -> dict:
    """What partners get for an article that left the public set: remove your copy."""
    return {
        "uri": api_uri("articles", pk),
        "standard": STANDARD,
        "type": "text",
        "pubstatus": "canceled",
        "altids": [{"role": "id", "value": str(pk)}],
    }


def _document(article: Article) -> dict:
    plain_body = html_to_text(article.body)
    doc = {
        "uri": api_uri("articles", article.pk),
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full",
        "profile": PROFILE,
        "version": None,  # filled in by core.changes when stored
        "firstcreated": changes.iso(article.published_at or article.created_at),
        "versioncreated": None,
        "pubstatus": "usable",
        "language": article.language,
        "slugline": article.slug,
        "headlines": [{"role": "main", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": article.body,
                "charcount": len(plain_body),
                "wordcount": len(plain_body.split()),
            },
            {"role": "main", "contenttype": "text/plain", "value": plain_body},
        ],
        "altids": [
            {"role": "id", "value": str(article.pk)},
            {"role": "slug", "value": article.slug},
        ],
        "renditions": [{"name": "web", "href": web_url(article), "contenttype": "text/html"}],
    }
    if article.standfirst:
        doc["descriptions"] = [{"role": "standfirst", "value": article.standfirst}]
    if article.byline:
        doc["by"] = article.byline
    if article.dateline_place:
        doc["located"] = article.dateline_place
    if article.source:
        doc["infosources"] = [_source(article)]
    for key, items in (
        ("subjects", _subjects(article)),
        ("people", _people(article)),
        ("organisations", _organisations(article)),
        ("places", _places(article)),
        ("events", _events(article)),
    ):
        if items:
            doc[key] = items
    return doc


def _source(article: Article) -> dict:
    source = article.source
    item = {"name": str(source), "role": "source", "literal": source.slug}
    if article.source_url:
        item["uri"] = article.source_url
    elif source.website:
        item["uri"] = source.website
    return item


def _by_name(items) -> list:
    return sorted(items, key=lambda item: (item.name, item.pk))


def _subjects(article: Article) -> list[dict]:
    items = [
        {
            "name": topic.name,
            "rel": "topic",
            "uri": api_uri("topics", topic.pk),
            "literal": topic.slug,
        }
        for topic in _by_name(_linked(article, "topics"))
    ]
    codes = sorted(str(row.country) for row in _linked(article, "countries"))
    items += [{"name": _country_names(c), "rel": "country", "literal": c} for c in codes]
    if len(codes) == 2:
        names = " – ".join(_country_names(c) for c in sorted(codes, key=str.lower))
        items.append({"name": names, "rel": "country-pair", "literal": pair_key(*codes)})
    return items


def _people(article: Article) -> list[dict]:
    roles = {}
    for meeting in _linked(article, "meetings"):
        for participation in _linked(meeting, "participations"):
            roles.setdefault(participation.person_id, PERSON_RELS.get(participation.role))
    return [
        {
            "name": person.name,
            "rel": roles.get(person.pk) or "mentioned",
            "uri": api_uri("officials", person.pk),
            "literal": person.slug,
        }
        for person in _by_name(_linked(article, "people"))
    ]


def _organisations(article: Article) -> list[dict]:
    items = [
        {
            "name": organisation.name,
            "rel": "mentioned",
            "uri": api_uri("organisations", organisation.pk),
            "literal": organisation.slug,
        }
        for organisation in _by_name(_linked(article, "organisations"))
    ]
    source_org = article.source.organisation if article.source else None
    if source_org and all(item["literal"] != source_org.slug for item in items):
        items.append(
            {
                "name": source_org.name,
                "rel": "source",
                "uri": api_uri("organisations", source_org.pk),
                "literal": source_org.slug,
            }
        )
    return items


def _exhibitions(article: Article) -> list:
    return sorted(_linked(article, "exhibitions"), key=lambda e: (-e.start_date.toordinal(), e.pk))


def _places(article: Article) -> list[dict]:
    items = []
    if article.dateline_place:
        items.append({"name": article.dateline_place, "rel": "dateline"})
    for exhibition in _exhibitions(article):
        place = ", ".join(p for p in (exhibition.venue, exhibition.city) if p)
        items.append({"name": place, "rel": "venue", "literal": str(exhibition.country)})
    return items


def _events(article: Article) -> list[dict]:
    items = [
        {
            "name": meeting.title,
            "rel": "reported",
            "uri": api_uri("meetings", meeting.pk),
            "literal": meeting.slug,
        }
        for meeting in _linked(article, "meetings")
    ]
    items += [
        {
            "name": exhibition.name,
            "rel": "setting",
            "uri": api_uri("exhibitions", exhibition.pk),
            "literal": exhibition.slug,
        }
        for exhibition in _exhibitions(article)
    ]
    return items


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True).distinct())


# What an article's document shows of other rows: a change to any of them re-renders these.
DEPENDS_ON = {
    "official": lambda ids: _ids(Article.objects.filter(people__in=ids)),
    "organisation": lambda ids: (
        _ids(Article.objects.filter(organisations__in=ids))
        + _ids(Article.objects.filter(source__organisation__in=ids))
    ),
    "meeting": lambda ids: _ids(Article.objects.filter(meetings__in=ids)),
    "exhibition": lambda ids: _ids(Article.objects.filter(exhibitions__in=ids)),
    "topic": lambda ids: _ids(Article.objects.filter(topics__in=ids)),
    "source": lambda ids: _ids(Article.objects.filter(source__in=ids)),
}


def register() -> None:
    changes.register(
        changes.DocumentKind(
            kind="article",
            endpoint="articles",
            public=Article.objects.published,
            render=render_articles,
            version_key="version",
            time_key="versioncreated",
            version_as_text=True,
            tombstone=article_tombstone,
        )
    )
    for source, resolve in DEPENDS_ON.items():
        changes.depends_on("article", source=source, resolve=resolve)
