"""Country-pair relation pages: /relations/ and /relations/<a>-<b>/ (codes in canonical order)."""

import csv

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from articles import cards as article_cards
from articles.feeds import PairArticlesFeed
from articles.models import Article
from core.countries import country_name
from core.pagemeta import PageMeta
from events import cards as meeting_cards
from events import relations
from events.charts import network_svg
from events.maps import map_credit, meetings_map_svg
from events.models import Meeting

TIMELINE_PAGE_SIZE = 25  # meetings per page of the timeline; the year table sums them all
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


class CountedPaginator(Paginator):
    """A paginator told its count (the pair's stored figures hold it) instead of counting."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def relation_detail(request: HttpRequest, a: str, b: str) -> HttpResponse:
    pair, redirect_response = _pair_or_redirect(request, a, b, "relations:detail")
    if redirect_response:
        return redirect_response
    figures = relations.pair_figures(pair)
    paginator = CountedPaginator(
        relations.pair_meetings(pair), TIMELINE_PAGE_SIZE, count=figures.meetings
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page of meetings.") from error
    network = figures.network
    places = figures.places
    feed_url = reverse("feeds:pair", kwargs={"a": pair.first, "b": pair.second})
    articles = article_cards.with_cards(
        Article.objects.published()
        .for_country_pair(pair.first, pair.second)
        .latest()[: ARTICLES_SHOWN + 1]
    )
    return render(
        request,
        "events/relation_detail.html",
        {
            "pair": pair,
            "page_meta": PageMeta(
                title=gettext("%(pair)s relations") % {"pair": pair.label},
                description=gettext(
                    "Meetings between %(first)s and %(second)s, the agreements signed, who met"
                    " most, the topics and the articles."
                )
                % {"first": pair.names[0], "second": pair.names[1]},
                feeds=[
                    (gettext("Articles on %(pair)s relations") % {"pair": pair.label}, feed_url)
                ],
                noindex=not paginator.count,
            ),
            "page_obj": page,
            "meetings": meeting_cards.with_cards(page.object_list),
            "years": figures.years,
            "network_svg": mark_safe(network_svg(network, pair=pair)),  # noqa: S308 - escaped
            "network": network,
            "map_svg": mark_safe(  # noqa: S308 - built from our data, every string escaped
                meetings_map_svg(
                    pair_codes=(pair.first, pair.second),
                    places=places,
                    title=gettext("Where %(first)s and %(second)s met")
                    % {"first": pair.names[0], "second": pair.names[1]},
                )
            )
            if places
            else "",
            "map_credit": map_credit(),
            # Each city with its country's name in the reader's language (stored as a code).
            "cities": [
                (city, country_name(country) if country else "", count)
                for city, country, count in figures.cities
            ],
            "csv_url": reverse("relations:csv", kwargs={"a": pair.first, "b": pair.second}),
            "officials": figures.officials,
            "topics_by_year": figures.topics_by_year,
            "articles": articles[:ARTICLES_SHOWN],
            "more_articles": len(articles) > ARTICLES_SHOWN,
            "feed_url": feed_url,
        },
    )


# The CSV's columns, in order; the method page's codebook (#codebook) explains each.
CSV_COLUMNS = (
    "meeting_id",
    "date",
    "date_precision",
    "host_country",
    "guest_country",
    "third_location",
    "kind",
    "cameo_code",
    "visit",
    "city",
    "venue",
    "place_country",
    "exhibition",
    "host_principal",
    "guest_principal",
    "participants",
    "outcomes",
    "documents_known",
    "outcomes_uncounted",
    "verification",
    "title",
    "url",
)


def _csv_row(meeting) -> list:
    principals = {p.role: p.person.name for p in meeting.principals()}
    outcomes = list(meeting.outcomes.all())
    return [
        meeting.pk,
        meeting.date.isoformat(),
        meeting.date_precision,
        str(meeting.host_country),
        str(meeting.guest_country),
        int(meeting.third_location),
        meeting.kind,
        meeting.cameo_code,
        int(meeting.is_visit),
        meeting.city,
        meeting.venue,
        str(meeting.place_country),
        meeting.exhibition.name if meeting.exhibition else "",
        principals.get("host", ""),
        principals.get("guest", ""),
        len(meeting.participations.all()),
        len(outcomes),
        sum(o.count or 0 for o in outcomes),
        sum(1 for o in outcomes if o.count is None),
        meeting.verification,
        meeting.title,
        settings.SITE_URL + meeting.get_absolute_url(),
    ]


def relation_csv(request: HttpRequest, a: str, b: str) -> HttpResponse:
    """The pair's meetings as CSV, one row per meeting, oldest first (codebook: /method/)."""
    pair, redirect_response = _pair_or_redirect(request, a, b, "relations:csv")
    if redirect_response:
        return redirect_response
    meetings = (
        Meeting.objects.published()
        .for_country_pair(pair.first, pair.second)
        .select_related("exhibition")
        .with_participants()
        .prefetch_related("outcomes")
        .order_by("date", "id")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meetings-{pair.key}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for meeting in meetings.iterator(chunk_size=500):
        writer.writerow(_csv_row(meeting))
    return response


def relation_feed(request: HttpRequest, a: str, b: str) -> HttpResponse:
    """Atom feed of the pair's published articles."""
    pair, redirect_response = _pair_or_redirect(request, a, b, "feeds:pair")
    if redirect_response:
        return redirect_response
    return PairArticlesFeed()(request, pair=pair)
