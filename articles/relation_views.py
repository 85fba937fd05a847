"""Country-pair relation pages: /relations/ and /relations/<a>-<b>/ (codes in canonical order)."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from articles.feeds import PairArticlesFeed
from articles.models import Article
from events import relations
from events.charts import activity_chart_svg

TIMELINE_PAGE_SIZE = 50
ARTICLES_SHOWN = 20


def _pair_or_redirect(request: HttpRequest, a: str, b: str, url_name: str):
    """The pair, or a permanent redirect to the canonical address; 404 for bad codes."""
    pair = relations.parse_pair(a, b)
    if pair is None:
        raise Http404("No such pair of countries.")
    if (a, b) != (pair.first, pair.second):
        url = reverse(url_name, kwargs={"a": pair.first, "b": pair.second})
        query = request.META.get("QUERY_STRING", "")
        return pair, redirect(f"{url}?{query}" if query else url, permanent=True)
    return pair, None


def relation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "events/relation_list.html", {"pairs": relations.most_active_pairs(limit=None)}
    )


def relation_detail(request: HttpRequest, a: str, b: str) -> HttpResponse:
    pair, redirect_response = _pair_or_redirect(request, a, b, "relations:detail")
    if redirect_response:
        return redirect_response
    paginator = Paginator(relations.pair_meetings(pair), TIMELINE_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page of meetings.") from error
    articles = list(
        Article.objects.published()
        .for_country_pair(pair.first, pair.second)
        .latest()
        .select_related("source")[: ARTICLES_SHOWN + 1]
    )
    return render(
        request,
        "events/relation_detail.html",
        {
            "pair": pair,
            "page_title": f"{pair.label} relations",
            "page_description": f"Meetings between {pair.names[0]} and {pair.names[1]}, "
            "the agreements signed, who met most, the topics and the articles.",
            "noindex": not paginator.count,
            "page_obj": page,
            "meetings": page.object_list,
            "activity": relations.activity_by_year(pair),
            "officials": relations.officials_who_met_most(pair),
            "topics_by_year": relations.topics_by_year(pair),
            "articles": articles[:ARTICLES_SHOWN],
            "more_articles": len(articles) > ARTICLES_SHOWN,
            "feed_url": reverse("feeds:pair", kwargs={"a": pair.first, "b": pair.second}),
            "feed_title": f"Articles on {pair.label} relations",
        },
    )


def relation_chart(request: HttpRequest, a: str, b: str) -> HttpResponse:
    """The meetings-and-agreements chart as an SVG image."""
    pair, redirect_response = _pair_or_redirect(request, a, b, "relations:chart")
    if redirect_response:
        return redirect_response
    svg = activity_chart_svg(
        relations.activity_by_year(pair), title=f"{pair.label}: meetings and agreements per year"
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    # pygal styles its SVG with an inline <style>; this policy allows that for this image
    # alone, and nothing else (no script, no fetch). The site-wide policy is left untouched
    # because django-csp does not overwrite a header a view has set.
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    response["Content-Security-Policy"] = policy
    response["Content-Security-Policy-Report-Only"] = policy
    return response


def relation_feed(request: HttpRequest, a: str, b: str) -> HttpResponse:
    """Atom feed of the pair's published articles."""
    pair, redirect_response = _pair_or_redirect(request, a, b, "feeds:pair")
    if redirect_response:
        return redirect_response
    return PairArticlesFeed()(request, pair=pair)
