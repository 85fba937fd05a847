"""Articles as IPTC ninjs 2.2 documents (standards/ninjs-schema_2.2.json).

The schema is closed: no key of our own may be added. Our ids and addresses travel in the
standard slots instead: `uri` (the stable API address of each person, organisation, meeting,
exhibition or topic, so partners can join them to the other endpoints), `literal` (our slug),
`rel` (how the item relates to the article) and `altids` (the article's own id and slug).
"""

import re
from html import unescape

import nh3

from articles.models import Article
from core.countries import country_name, pair_key
from partners.sync import api_uri, iso, web_url

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
STANDARD = {"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA}
PROFILE = "bilateral-archive-article"
_BLANK_LINES = re.compile(r"\n\s*\n\s*")

# Participation roles in a reported meeting, as ninjs `rel` values for people.
PERSON_RELS = {
    "host": "host",
    "guest": "guest",
    "head_of_delegation": "head-of-delegation",
    "member": "delegation-member",
    "attendee": "participant",
}


def ninjs_prefetch(queryset):
    """What article_ninjs reads, fetched in a fixed number of queries for a whole page."""
    return queryset.select_related("source", "source__organisation").prefetch_related(
        "people",
        "organisations",
        "meetings__participations",
        "exhibitions",
        "topics",
        "countries",
    )


def version(article: Article) -> str:
    """Changes whenever the representation does (updated_at moves with every change)."""
    return str(int(article.updated_at.timestamp() * 1_000_000))


def article_ninjs(article: Article) -> dict:
    """The full ninjs document of a published article."""
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
        ("subjects", _subjects(article)),
        ("people", _people(article)),
        ("organisations", _organisations(article)),
        ("places", _places(article)),
        ("events", _events(article)),
    ):
        if items:
            doc[key] = items
    return doc


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


def _subjects(article: Article) -> list[dict]:
    items = [
        {
            "name": topic.name,
            "rel": "topic",
            "uri": api_uri("topics", topic.pk),
            "literal": topic.slug,
        }
        for topic in article.topics.all()
    ]
    codes = sorted(str(row.country) for row in article.countries.all())
    items += [{"name": country_name(c), "rel": "country", "literal": c} for c in codes]
    if len(codes) == 2:
        key = pair_key(*codes)
        names = " – ".join(country_name(c) for c in sorted(codes, key=str.lower))
        items.append(
            {
                "name": names,
                "rel": "country-pair",
                "literal": key,
            }
        )
    return items


def _people(article: Article) -> list[dict]:
    roles = {}
    for meeting in article.meetings.all():
        for participation in meeting.participations.all():
            roles.setdefault(participation.person_id, PERSON_RELS.get(participation.role))
    return [
        {
            "name": person.name,
            "rel": roles.get(person.pk) or "mentioned",
            "uri": api_uri("officials", person.pk),
            "literal": person.slug,
        }
        for person in article.people.all()
    ]


def _organisations(article: Article) -> list[dict]:
    items = [
        {
            "name": org.name,
            "rel": "mentioned",
            "uri": api_uri("organisations", org.pk),
            "literal": org.slug,
        }
        for org in article.organisations.all()
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


def _places(article: Article) -> list[dict]:
    items = []
    if article.dateline_place:
        items.append({"name": article.dateline_place, "rel": "dateline"})
    for exhibition in article.exhibitions.all():
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
        for meeting in article.meetings.all()
    ]
    items += [
        {
            "name": exhibition.name,
            "rel": "setting",
            "uri": api_uri("exhibitions", exhibition.pk),
            "literal": exhibition.slug,
        }
        for exhibition in article.exhibitions.all()
    ]
    return items
