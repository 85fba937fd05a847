"""Renders a page's metadata for search engines and link previews: canonical URL, Open Graph,
feeds, JSON-LD.

What a page says about itself is its view's (`page_meta` in the context, a core.pagemeta
PageMeta: detail views build it in `get_page_meta()`); a page without one gets the site's.
"""

from dataclasses import replace

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from core.pagemeta import SITE_DESCRIPTION, SITE_NAME, PageMeta, absolute


def canonical_url(request: HttpRequest) -> str:
    """The page's address without filters or tracking parameters; a later page keeps ?page=."""
    page = request.GET.get("page", "")
    suffix = f"?page={page}" if page.isdigit() and page != "1" else ""
    return absolute(request.path) + suffix


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None}


def page_meta(request: HttpRequest, context) -> PageMeta:
    """Metadata for the page being rendered: its view's, with the canonical URL and feeds."""
    # A page that does not describe itself is the site, in the reader's language.
    own = context.get("page_meta") or PageMeta(
        title=gettext(SITE_NAME), description=gettext(SITE_DESCRIPTION)
    )
    return replace(
        own,
        canonical=canonical_url(request),
        feeds=[
            (
                gettext("%(site)s: latest articles") % {"site": gettext(SITE_NAME)},
                reverse("feeds:articles"),
            ),
            *own.feeds,
        ],
        json_ld=_without_empty(own.json_ld) if own.json_ld else None,
        # Previews and filtered lists say so in the context.
        noindex=own.noindex or bool(context.get("noindex")),
    )
