"""What the benchmark requests: every URL the project has, found at run time.

Other parts of the site land while the benchmark exists, so nothing here names a page that
may not be there: URL patterns are walked, sample arguments come from the database, and a
page the benchmark wants but the project lacks is reported as absent.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import Article
from events.models import Meeting
from people.models import Person

# Paths that are not pages or API endpoints of the archive.
SKIPPED_PREFIXES = ("admin/", "__bench__/", "static/")
SEARCH_QUERIES = ("guler", "hasanov cooperation", "drones", "azerbaijan talks", "ankara")


@dataclass
class Route:
    name: str  # "articles:detail"
    route: str  # "articles/<slug:slug>/"
    params: list[str]
    view: object
    defaults: dict = field(default_factory=dict)  # the pattern's extra kwargs


@dataclass
class Probe:
    key: str
    label: str
    urls: list[str] = field(default_factory=list)
    auth: str = "anonymous"  # anonymous | partner | superuser
    absent: str = ""  # why it could not be built


def routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or route)
                view = getattr(p.callback, "view_class", p.callback)
                found.append(Route(name, route, _params(route), view, p.default_args))

    walk(get_resolver().url_patterns, "", "")
    return [r for r in found if not r.route.startswith(SKIPPED_PREFIXES)]


def _model_of(view):
    model = getattr(view, "model", None)
    if model is None and getattr(view, "queryset", None) is not None:
        model = view.queryset.model
    return model


def _model_named_in(route: Route):
    """A model whose name the route's name contains (feeds:topic -> Topic), else None."""
    from django.apps import apps

    last = route.name.rsplit(":", 1)[-1].split("_")[0]
    for model in apps.get_models():
        if model._meta.model_name == last and model._meta.app_label in (
            "people",
            "events",
            "articles",
        ):
            return model
    return None


def _sample_objects(route: Route, count: int) -> list:
    """Objects a route can show: the view's own queryset where it has one."""
    view = route.view
    queryset = None
    if _model_of(view) is None and not hasattr(view, "get_queryset"):
        named = _model_named_in(route)
        view = type("Named", (), {"model": named}) if named else view
    try:
        instance = view()
        instance.kwargs, instance.args = {}, ()
        from django.test import RequestFactory

        instance.request = RequestFactory().get("/")
        queryset = instance.get_queryset()
    except Exception:  # a view that needs more context: fall back to its model
        model = _model_of(view)
        queryset = model._default_manager.all() if model is not None else None
    if queryset is None:
        return []
    total = queryset.count()
    if not total:
        return []
    step = max(1, total // count)
    ordered = queryset.order_by("pk")
    return [ordered[i] for i in range(0, min(total, step * count), step)]


PAIRS = (("az", "tr"), ("az", "ge"), ("ge", "tr"), ("ir", "ru"), ("de", "fr"))


_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _fill(route: str, values: dict) -> str:
    """A route (path() or re_path() syntax) with its parameters replaced by values."""
    path = _REGEX_GROUP.sub(lambda m: str(values[m.group(1)]), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def _params(route: str) -> list[str]:
    return [
        *re.findall(r"<(?:\w+:)?(\w+)>", _REGEX_GROUP.sub("", route)),
        *_REGEX_GROUP.findall(route),
    ]


def build_urls(route: Route, count: int = 1) -> list[str]:
    """Concrete URLs for a route, or [] when no sample arguments fit."""
    if not route.params:
        return [_fill(route.route, {})]
    params = set(route.params)
    fill = []
    if params <= {"slug", "ref", "pk", "id"}:
        for obj in _sample_objects(route, count):
            values = {
                "slug": getattr(obj, "slug", None),
                "ref": obj.pk,
                "pk": obj.pk,
                "id": obj.pk,
            }
            fill.append({p: values[p] for p in params})
    elif params == {"section"} and "sitemaps" in route.defaults:  # a sitemap's sections
        fill = [{"section": name} for name in list(route.defaults["sitemaps"])[:count]]
    elif len(params) == 2:
        first, second = route.params
        fill = [{first: a, second: b} for a, b in PAIRS[:count]]
    elif len(params) == 1:
        (only,) = route.params
        fill = [{only: f"{a}-{b}"} for a, b in PAIRS[:count]]
    return [_fill(route.route, values) for values in fill if None not in values.values()]


def _find(all_routes: list[Route], *names: str, contains: str = "") -> Route | None:
    by_name = {r.name: r for r in all_routes}
    for name in names:
        if name in by_name:
            return by_name[name]
    if contains:
        for r in all_routes:
            if contains in r.name and r.params:
                return r
    return None


def filter_params(count: int) -> tuple[dict[str, str], str]:
    """Up to `count` article-list filters with values that select something, from the FilterSet."""
    try:
        from articles.filters import ArticleFilter
    except ImportError:
        return {}, "no articles.filters.ArticleFilter"
    filters = ArticleFilter.base_filters
    person = (
        Person.objects.filter(articles__isnull=False).order_by("pk").values("slug", "pk").first()
    )
    meeting = Meeting.objects.order_by("pk").first()
    candidates = {
        "country": "az",
        "countries": "az",
        "pair": "az-tr",
        "topic": None,
        "topics": None,
        "year": "2024",
        "person": person and person["slug"],
        "people": person and person["slug"],
        "date_from": "2020-01-01",
        "from": "2020-01-01",
        "since": "2020-01-01",
        "language": "en",
        "meeting": meeting and meeting.slug,
    }
    from events.models import Topic

    topic = Topic.objects.filter(articles__isnull=False).order_by("pk").first()
    chosen = {}
    for name, value in candidates.items():
        if name not in filters or len(chosen) >= count:
            continue
        if name in ("topic", "topics"):
            extra = filters[name].extra
            to_field = extra.get("to_field_name") or ("slug" if topic else "pk")
            value = topic and getattr(topic, to_field)
        if value:
            chosen[name] = str(value)
    if len(chosen) < count:
        return chosen, f"ArticleFilter offers {len(chosen)} usable filter(s) of {count} wanted"
    return chosen, ""


def probes(samples: int) -> list[Probe]:
    """The pages and endpoints timed at each size, in report order."""
    from urllib.parse import urlencode

    from bench.urls import MINIMAL_PATH

    all_routes = routes()
    found: list[Probe] = [Probe("minimal", "Minimal Django view (floor)", [MINIMAL_PATH])]

    home = next((r for r in all_routes if r.route in ("", "^$")), None)
    found.append(Probe("home", "Home", ["/"] if home else [], absent="" if home else "no / URL"))

    article_list = _find(all_routes, "articles:list", "articles:article_list")
    list_url = build_urls(article_list)[0] if article_list else ""
    found.append(Probe("article_list", "Article list", [list_url] if list_url else []))
    for key, label, n in (
        ("article_list_1", "Article list, one filter", 1),
        ("article_list_3", "Article list, three filters", 3),
    ):
        params, why = filter_params(n) if list_url else ({}, "no article list")
        probe = Probe(key, label)
        if params and not why:
            probe.urls = [f"{list_url}?{urlencode(params)}"]
        else:
            probe.absent = why
        found.append(probe)
    if list_url:
        # The deepest page the list offers: the last, or the paginator's cap if it has one.
        from articles.views import ArticleListView

        per_page = getattr(ArticleListView, "paginate_by", None) or 20
        last = max(1, Article.objects.published().count() // per_page)
        cap = getattr(getattr(ArticleListView, "paginator_class", None), "max_pages", None)
        last = min(last, cap) if cap else last
        found.append(
            Probe("article_list_deep", "Article list, deepest page", [f"{list_url}?page={last}"])
        )

    for key, label, names, contains in (
        ("article", "Article page", ("articles:detail", "articles:article_detail"), ""),
        ("person", "Person page", ("people:person_detail", "people:detail"), ""),
        ("meeting", "Meeting page", ("events:meeting_detail",), ""),
        ("relation", "Relation page", ("events:relation", "relations:detail"), "relation"),
        ("organisation", "Organisation page", ("people:organisation_detail",), ""),
        ("topic", "Topic page", ("events:topic_detail",), ""),
        ("exhibition", "Exhibition page", ("events:exhibition_detail",), ""),
        ("delegation", "Delegation page", ("events:delegation_detail",), ""),
    ):
        route = _find(all_routes, *names, contains=contains)
        urls = build_urls(route, samples) if route else []
        if key == "person" and urls:  # the most reported official: the heaviest person page
            top = Person.objects.annotate(n=Count("articles")).order_by("-n").first()
            urls = [_fill(route.route, {"slug": top.slug}), *urls[:-1]]
        found.append(Probe(key, label, urls, absent="" if urls else "no such page"))

    # The other public lists and pages, as a reader opens them (first page, no filter).
    for key, label, name in (
        ("meeting_list", "Meeting list", "events:meeting_list"),
        ("person_list", "Officials list", "events:official_list"),
        ("organisation_list", "Organisation list", "people:organisation_list"),
        ("exhibition_list", "Exhibition list", "events:exhibition_list"),
        ("delegation_list", "Delegation list", "events:delegation_list"),
        ("topic_list", "Topic list", "events:topic_list"),
        ("relation_list", "Relation index", "relations:list"),
        ("about", "About page", "about"),
        ("method", "Method page", "method"),
    ):
        route = _find(all_routes, name)
        urls = build_urls(route) if route else []
        found.append(Probe(key, label, urls, absent="" if urls else "no such page"))

    search = _find(all_routes, "search:search", "search:results")
    if search:
        base = build_urls(search)[0]
        found.append(
            Probe("search", "Search", [f"{base}?{urlencode({'q': q})}" for q in SEARCH_QUERIES])
        )
    else:
        found.append(Probe("search", "Search", absent="no search page"))

    for key, label, path in (
        ("admin_articles", "Admin: articles changelist", "/admin/articles/article/"),
        ("admin_meetings", "Admin: meetings changelist", "/admin/events/meeting/"),
    ):
        found.append(Probe(key, label, [path], auth="superuser"))

    for route in all_routes:
        if route.name.startswith("api:") and route.name.endswith("_list"):
            urls = build_urls(route)
            key = "api_" + route.name.removeprefix("api:").removesuffix("_list")
            found.append(Probe(key, f"API list /{route.route}", urls, auth="partner"))
    return found


def every_url() -> list[tuple[str, str, str]]:
    """(route name, URL, auth) for every public page and API endpoint: for query counts."""
    out = []
    for route in routes():
        auth = "partner" if route.name.startswith("api:") else "anonymous"
        urls = build_urls(route)
        out.append((route.name, urls[0] if urls else "", auth))
    return out
