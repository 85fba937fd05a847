"""Site-wide pages: the home page, robots.txt and the sitemap index."""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse

from articles import cards as article_cards
from articles.models import Article
from events import cards as meeting_cards
from events.models import Exhibition, Meeting
from events.relations import most_active_pairs
from website.sitemaps import SITEMAPS

FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"
HOME_ARTICLES = 8
HOME_MEETINGS = 6
HOME_EXHIBITIONS = 4
HOME_PAIRS = 8


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {
            "articles": article_cards.with_cards(
                Article.objects.published().latest()[:HOME_ARTICLES]
            ),
            "meetings": meeting_cards.with_cards(
                Meeting.objects.published().order_by("-date", "-id")[:HOME_MEETINGS]
            ),
            "exhibitions": Exhibition.objects.order_by("-start_date")[:HOME_EXHIBITIONS],
            "pairs": most_active_pairs(limit=HOME_PAIRS),
        },
    )


def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers and crawlers ask for whatever the page links."""
    response = FileResponse(open(FAVICON, "rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {settings.SITE_URL}{reverse('site:sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: one sitemap per section (and per 50,000 addresses), on DJANGO_SITE_URL.

    Django's own index view names the request's host and reads every row for a last-modified
    date; this one names the public site and runs one count per section.
    """
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        url = settings.SITE_URL + reverse("site:sitemap_section", kwargs={"section": section})
        entries.append(SitemapIndexItem(url))
        for page in range(2, sitemap_class().paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{url}?p={page}"))
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
