"""Page metadata for search engines and link previews: canonical URL, Open Graph, JSON-LD.

Built from the page's main object (a DetailView's `object`), so detail pages get it without
any code of their own. Each builder runs a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from articles.models import Article
from core.countries import country_name
from core.models import DatePrecision
from core.text import html_to_text
from events.models import Exhibition, Meeting, MeetingKind, Topic
from people.models import Person

SITE_NAME = "Bilateral Relations Archive"
SITE_DESCRIPTION = (
    "An archive of bilateral-relations reporting: meetings, officials, exhibitions and agreements."
)


@dataclass
class PageMeta:
    canonical: str
    title: str = SITE_NAME
    description: str = SITE_DESCRIPTION
    og_type: str = "website"
    published_time: str = ""
    feeds: list[tuple[str, str]] = field(default_factory=list)
    json_ld: dict | None = None
    noindex: bool = False


def absolute(path: str) -> str:
    """An absolute address on the public site (settings.SITE_URL), whatever host was asked."""
    return f"{settings.SITE_URL}{path}"


def canonical_url(request: HttpRequest) -> str:
    """The page's address without filters or tracking parameters; a later page keeps ?page=."""
    page = request.GET.get("page", "")
    suffix = f"?page={page}" if page.isdigit() and page != "1" else ""
    return absolute(request.path) + suffix


def _publisher() -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute("/")}


def _country(code) -> dict:
    return {"@type": "Country", "name": country_name(str(code))}


def _place(venue: str, city: str, country) -> dict:
    address = {"@type": "PostalAddress", "addressLocality": city}
    if country:
        address["addressCountry"] = str(country).upper()
    return {"@type": "Place", "name": venue or city, "address": address}


def _schema_date(day, precision: str) -> str:
    """ISO 8601 with only what is known: 2024 for a year, 2024-09 for a month."""
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    return day.isoformat()


def article_json_ld(article: Article) -> dict:
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": article.language,
        "description": article.standfirst or None,
        "dateline": article.dateline_place or None,
        "author": {"@type": "Organization", "name": article.byline or SITE_NAME},
        "publisher": _publisher(),
        "articleSection": [topic.name for topic in article.topics.all()] or None,
        "mentions": [
            {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}
            for person in article.people.all()
        ]
        or None,
    }
    if article.source_id:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return data


def person_json_ld(person: Person) -> dict:
    positions = list(person.positions.current().select_related("organisation"))
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": absolute(person.get_absolute_url()),
        "alternateName": [alias.name for alias in person.aliases.all()] or None,
        "honorificPrefix": person.honorific or None,
        "nationality": _country(person.country),
        "jobTitle": [p.title for p in positions] or None,
        "worksFor": [
            {
                "@type": "Organization",
                "name": p.organisation.name,
                "url": absolute(p.organisation.get_absolute_url()),
            }
            for p in positions
        ]
        or None,
    }
    if person.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{person.wikidata_id}"
    return data


def meeting_json_ld(meeting: Meeting) -> dict:
    online = meeting.kind == MeetingKind.PHONE_CALL
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "url": absolute(meeting.get_absolute_url()),
        "description": meeting.summary or None,
        "startDate": _schema_date(meeting.date, meeting.date_precision),
        "endDate": meeting.end_date.isoformat() if meeting.end_date else None,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
        "about": [topic.name for topic in meeting.topics.all()] or None,
        "attendee": [
            {
                "@type": "Person",
                "name": p.person.name,
                "url": absolute(p.person.get_absolute_url()),
            }
            for p in meeting.participations.select_related("person").host_first()
        ]
        or None,
    }
    if meeting.city or meeting.venue:
        data["location"] = _place(meeting.venue, meeting.city, meeting.place_country)
    if meeting.exhibition_id:
        data["superEvent"] = {
            "@type": "Event",
            "name": meeting.exhibition.name,
            "url": absolute(meeting.exhibition.get_absolute_url()),
        }
    return data


def exhibition_json_ld(exhibition: Exhibition) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": exhibition.name,
        "url": absolute(exhibition.get_absolute_url()),
        "startDate": exhibition.start_date.isoformat(),
        "endDate": exhibition.end_date.isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(exhibition.venue, exhibition.city, exhibition.country),
    }
    if exhibition.organiser_id:
        data["organizer"] = {"@type": "Organization", "name": exhibition.organiser.name}
    if exhibition.website:
        data["sameAs"] = exhibition.website
    return data


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None}


def _description(text: str) -> str:
    text = " ".join(html_to_text(text).split())
    return text if len(text) <= 200 else text[:199].rsplit(" ", 1)[0] + "…"


def page_meta(request: HttpRequest, context) -> PageMeta:
    """Metadata for the page being rendered, from its context."""
    meta = PageMeta(canonical=canonical_url(request))
    meta.feeds.append((f"{SITE_NAME}: latest articles", reverse("feeds:articles")))
    obj = context.get("object")
    if isinstance(obj, Article) and (obj.is_published() or context.get("preview")):
        meta.title = obj.headline
        meta.description = _description(obj.standfirst or obj.body)
        meta.og_type = "article"
        meta.published_time = obj.published_at.isoformat() if obj.published_at else ""
        meta.json_ld = article_json_ld(obj)
    elif isinstance(obj, Person):
        meta.title = obj.name
        meta.description = f"{obj.name}: positions held, meetings attended and articles."
        meta.og_type = "profile"
        meta.json_ld = person_json_ld(obj)
    elif isinstance(obj, Meeting):
        meta.title = obj.title
        meta.description = _description(obj.summary or obj.title)
        meta.json_ld = meeting_json_ld(obj)
    elif isinstance(obj, Exhibition):
        meta.title = obj.name
        meta.description = f"{obj.name}, {obj.city}: the meetings held at it and its editions."
        meta.json_ld = exhibition_json_ld(obj)
    elif isinstance(obj, Topic):
        meta.title = obj.name
        if obj.description:
            meta.description = _description(obj.description)
        feed = reverse("feeds:topic", kwargs={"slug": obj.slug})
        meta.feeds.append((f"{SITE_NAME}: {obj.name}", feed))
    elif obj is not None:
        meta.title = str(obj)
    if context.get("page_title"):
        meta.title = context["page_title"]
    if context.get("page_description"):
        meta.description = context["page_description"]
    if context.get("feed_url"):
        meta.feeds.append((context.get("feed_title") or meta.title, context["feed_url"]))
    meta.noindex = bool(context.get("noindex"))
    if meta.json_ld:
        meta.json_ld = _without_empty(meta.json_ld)
    return meta
