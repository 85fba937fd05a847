"""Articles as IPTC ninjs 2.2 documents (standards/ninjs-schema_2.2.json).

The schema is closed: no key of our own may be added. Our ids and addresses travel in the
standard slots instead: `uri` (the stable API address of each person, organisation, meeting,
exhibition or topic, so partners can join them to the other endpoints), `literal` (our slug),
`rel` (how the item relates to the article) and `altids` (the article's own id and slug).
"""

import re
from html import unescape

import nh3

from articles.models import Article, ArticleCountry
from core.countries import country_name, pair_key
from events.models import MeetingStatus, Participation
from partners.sync import api_uri, iso, web_url

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
STANDARD = {"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA}
PROFILE = "bilateral-archive-article"
_BLANK_LINES = re.compile(r"\n\s*\n\s*")

_M2M_FIELDS = [
    Article._meta.get_field(name)
    for name in ("topics", "people", "organisations", "meetings", "exhibitions")
]

# Participation roles in a reported meeting, as ninjs `rel` values for people.
PERSON_RELS = {
    "host": "host",
    "guest": "guest",
    "head_of_delegation": "head-of-delegation",
    "member": "delegation-member",
    "attendee": "participant",
}


def ninjs_prefetch(queryset):
    """The article rows article_ninjs reads; their tags are loaded by ninjs_documents."""
    return queryset.select_related("source", "source__organisation").defer("search_text")


def version(article: Article) -> str:
    """Changes whenever the representation does (updated_at moves with every change)."""
    return str(int(article.updated_at.timestamp() * 1_000_000))


def article_ninjs(article: Article) -> dict:
    """The full ninjs document of a published article."""
    return ninjs_documents([article])[0]


def ninjs_documents(articles: list[Article]) -> list[dict]:
    """The ninjs documents of a page of articles, their tags read in a fixed number of queries.

    The tags are read as plain tuples, not model instances: a page of 50 articles carries
    several hundred of them, and building an instance for each cost more than the rest of
    the page together.
    """
    tags = _Tags([article.pk for article in articles])
    return [_document(article, tags) for article in articles]


def _document(article: Article, tags: "_Tags") -> dict:
    plain_body = _plain_text(article.body)
    doc = {
        "uri": api_uri("articles", article.pk),
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full",
        "profile": PROFILE,
        "version": version(article),
        "firstcreated": iso(article.published_at or article.created_at),
        "versioncreated": iso(article.updated_at),
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
        ("subjects", _subjects(article, tags)),
        ("people", _people(article, tags)),
        ("organisations", _organisations(article, tags)),
        ("places", _places(article, tags)),
        ("events", _events(article, tags)),
    ):
        if items:
            doc[key] = items
    return doc


class _Tags:
    """What a page of articles is tagged with, as tuples by article id, in the models' order."""

    def __init__(self, ids: list[int]):
        self.topics, self.countries, self.people, self.organisations = {}, {}, {}, {}
        self.meetings, self.exhibitions, self.roles = {}, {}, {}
        self._country_names: dict[str, str] = {}
        if not ids:
            return
        links = {field.name: field.remote_field.through.objects for field in _M2M_FIELDS}
        mine = {"article_id__in": ids}
        _group(
            self.topics,
            links["topics"]
            .filter(**mine)
            .order_by("topic__name", "topic_id")
            .values_list("article_id", "topic_id", "topic__name", "topic__slug"),
        )
        _group(
            self.countries,
            ArticleCountry.objects.filter(**mine).values_list("article_id", "country"),
        )
        _group(
            self.people,
            links["people"]
            .filter(**mine)
            .order_by("person__name", "person_id")
            .values_list("article_id", "person_id", "person__name", "person__slug"),
        )
        _group(
            self.organisations,
            links["organisations"]
            .filter(**mine)
            .order_by("organisation__name", "organisation_id")
            .values_list(
                "article_id", "organisation_id", "organisation__name", "organisation__slug"
            ),
        )
        _group(
            self.meetings,
            links["meetings"]
            .filter(**mine, meeting__status=MeetingStatus.PUBLISHED)
            .order_by("-meeting__date", "-meeting_id")
            .values_list("article_id", "meeting_id", "meeting__title", "meeting__slug"),
        )
        _group(
            self.exhibitions,
            links["exhibitions"]
            .filter(**mine)
            .order_by("-exhibition__start_date", "exhibition_id")
            .values_list(
                "article_id",
                "exhibition_id",
                "exhibition__name",
                "exhibition__slug",
                "exhibition__venue",
                "exhibition__city",
                "exhibition__country",
            ),
        )
        meeting_ids = {row[0] for rows in self.meetings.values() for row in rows}
        if meeting_ids:
            _group(
                self.roles,
                Participation.objects.filter(meeting_id__in=meeting_ids)
                .order_by("meeting_id", "role", "person__name", "id")
                .values_list("meeting_id", "person_id", "role"),
            )

    def country_name(self, code: str) -> str:
        # django-countries translates the name on every call; a page names few countries.
        if code not in self._country_names:
            self._country_names[code] = country_name(code)
        return self._country_names[code]


def _group(into: dict, rows) -> None:
    """(key, *values) rows into {key: [values, ...]}, keeping the rows' order."""
    for key, *values in rows:
        into.setdefault(key, []).append(values[0] if len(values) == 1 else tuple(values))


def article_tombstone(*, pk: int, at) -> dict:
    """What partners get for an article withdrawn or deleted: remove your copy."""
    return {
        "uri": api_uri("articles", pk),
        "standard": STANDARD,
        "type": "text",
        "versioncreated": iso(at),
        "pubstatus": "canceled",
        "altids": [{"role": "id", "value": str(pk)}],
    }


def _plain_text(html: str) -> str:
    spaced = html.replace("</p>", "</p>\n\n").replace("<br>", "\n")
    text = unescape(nh3.clean(spaced, tags=set()))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _source(article: Article) -> dict:
    source = article.source
    item = {"name": str(source), "role": "source", "literal": source.slug}
    if article.source_url:
        item["uri"] = article.source_url
    elif source.website:
        item["uri"] = source.website
    return item


def _subjects(article: Article, tags: _Tags) -> list[dict]:
    items = [
        {
            "name": name,
            "rel": "topic",
            "uri": api_uri("topics", pk),
            "literal": slug,
        }
        for pk, name, slug in tags.topics.get(article.pk, ())
    ]
    codes = sorted(str(code) for code in tags.countries.get(article.pk, ()))
    items += [{"name": tags.country_name(c), "rel": "country", "literal": c} for c in codes]
    if len(codes) == 2:
        key = pair_key(*codes)
        names = " – ".join(tags.country_name(c) for c in sorted(codes, key=str.lower))
        items.append(
            {
                "name": names,
                "rel": "country-pair",
                "literal": key,
            }
        )
    return items


def _people(article: Article, tags: _Tags) -> list[dict]:
    roles = {}
    for meeting_pk, _, _ in tags.meetings.get(article.pk, ()):
        for person_pk, role in tags.roles.get(meeting_pk, ()):
            roles.setdefault(person_pk, PERSON_RELS.get(role))
    return [
        {
            "name": name,
            "rel": roles.get(pk) or "mentioned",
            "uri": api_uri("officials", pk),
            "literal": slug,
        }
        for pk, name, slug in tags.people.get(article.pk, ())
    ]


def _organisations(article: Article, tags: _Tags) -> list[dict]:
    items = [
        {
            "name": name,
            "rel": "mentioned",
            "uri": api_uri("organisations", pk),
            "literal": slug,
        }
        for pk, name, slug in tags.organisations.get(article.pk, ())
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


def _places(article: Article, tags: _Tags) -> list[dict]:
    items = []
    if article.dateline_place:
        items.append({"name": article.dateline_place, "rel": "dateline"})
    for _, _, _, venue, city, country in tags.exhibitions.get(article.pk, ()):
        place = ", ".join(p for p in (venue, city) if p)
        items.append({"name": place, "rel": "venue", "literal": str(country)})
    return items


def _events(article: Article, tags: _Tags) -> list[dict]:
    items = [
        {
            "name": title,
            "rel": "reported",
            "uri": api_uri("meetings", pk),
            "literal": slug,
        }
        for pk, title, slug in tags.meetings.get(article.pk, ())
    ]
    items += [
        {
            "name": name,
            "rel": "setting",
            "uri": api_uri("exhibitions", pk),
            "literal": slug,
        }
        for pk, name, slug, *_ in tags.exhibitions.get(article.pk, ())
    ]
    return items
