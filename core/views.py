"""Site-wide pages: the home page and robots.txt."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from articles.models import Article
from events.models import Exhibition, Meeting
from events.relations import most_active_pairs

HOME_ARTICLES = 8
HOME_MEETINGS = 6
HOME_EXHIBITIONS = 4
HOME_PAIRS = 8


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {
            "articles": Article.objects.published()
            .latest()
            .select_related("source")[:HOME_ARTICLES],
            "meetings": Meeting.objects.select_related("exhibition").order_by("-date", "-id")[
                :HOME_MEETINGS
            ],
            "exhibitions": Exhibition.objects.order_by("-start_date")[:HOME_EXHIBITIONS],
            "pairs": most_active_pairs(limit=HOME_PAIRS),
        },
    )


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {settings.SITE_URL}{reverse('site:sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
