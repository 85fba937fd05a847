"""What a page says about itself to search engines and link previews (title, description,
Open Graph type, feeds, schema.org JSON-LD).

Each detail view describes its own object (`PageMetaMixin.get_page_meta()`); the website
app only renders it (website/seo.py adds the canonical address and the site-wide feed). The
helpers here are the pieces those views share.
"""

from dataclasses import dataclass, field

from django.conf import settings

from core.countries import country_name
from core.models import DatePrecision
from core.text import html_to_text

SITE_NAME = "Bilateral Relations Archive"
SITE_DESCRIPTION = (
    "An archive of bilateral-relations reporting: meetings, officials, exhibitions and agreements."
)


@dataclass
class PageMeta:
    title: str = SITE_NAME
    description: str = SITE_DESCRIPTION
    og_type: str = "website"
    published_time: str = ""
    feeds: list[tuple[str, str]] = field(default_factory=list)
    json_ld: dict | None = None
    noindex: bool = False
    canonical: str = ""  # the address the page was asked at, filled in by website.seo


class PageMetaMixin:
    """For a DetailView: its `get_page_meta()` goes into the context as `page_meta`."""

    def get_page_meta(self) -> PageMeta:
        raise NotImplementedError(f"{type(self).__name__} must describe its page")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"page_meta": self.get_page_meta()}


def absolute(path: str) -> str:
    """An absolute address on the public site (settings.SITE_URL), whatever host was asked."""
    return f"{settings.SITE_URL}{path}"


def describe(text: str) -> str:
    """Plain text of at most 200 characters, cut at a word, for a description."""
    text = " ".join(html_to_text(text).split())
    return text if len(text) <= 200 else text[:199].rsplit(" ", 1)[0] + "…"


def schema_publisher() -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute("/")}


def schema_country(code) -> dict:
    return {"@type": "Country", "name": country_name(str(code))}


def schema_place(venue: str, city: str, country) -> dict:
    address = {"@type": "PostalAddress", "addressLocality": city}
    if country:
        address["addressCountry"] = str(country).upper()
    return {"@type": "Place", "name": venue or city, "address": address}


def schema_date(day, precision: str) -> str:
    """ISO 8601 with only what is known: 2024 for a year, 2024-09 for a month."""
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    return day.isoformat()


def schema_link(schema_type: str, name: str, obj) -> dict:
    """A reference to one of our pages: {"@type": "Person", "name": ..., "url": ...}."""
    return {"@type": schema_type, "name": name, "url": absolute(obj.get_absolute_url())}
