"""Every URL pattern of the URLconf, the admin's included, given impossible input: never a 5xx.

The patterns are read from the URLconf at test time (a page added later is covered the day it
lands). Each path parameter in turn gets each hostile value while the others get a plausible
one; then each URL, with plausible parameters, gets hostile values in its query string (the
usual names, and every admin changelist filter's). The requests come from a logged-in
superuser (staff, so the admin's views run) carrying a partner key (so the API's run too);
public pages are walked a second time anonymously, through the page cache.

Values the input guard refuses (NUL bytes, bad UTF-8, over-long) must be a 400, JSON naming
the parameter under /api/; the rest may be anything below 500.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize

from website.sitemaps import SITEMAPS

# (raw path value, refused by the guard?) -- raw: the test client percent-decodes the path.
PATH_VALUES = [
    ("%00", True),
    ("a%00b", True),
    ("%FF", True),
    ("%C3%28", True),
    ("x" * 300, True),
    ("abc", False),
    ("-1", False),
    ("0", False),
    ("99999999999999999999", False),
    ("%27%20OR%201=1%20--", False),
    ("%E2%80%AE%F0%9F%91%8D", False),
]
# (query value, already percent-encoded, refused by the guard?)
QUERY_VALUES = [
    ("%00", True),
    ("%FF", True),
    ("x" * 2500, True),
    ("abc", False),
    ("-1", False),
    ("99999999999999999999", False),
    ("2024-13-45", False),
    ("%27+OR+1%3D1+--", False),
    ("", False),
]
FILTER_VALUES = ["99999999999999999999", "2024-13-45", "%27+OR+1%3D1+--", ""]
QUERY_KEYS = [
    "q", "page", "p", "o", "e", "page_size", "cursor", "updated_since", "since", "country",
    "pair", "topic", "person", "organisation", "exhibition", "meeting", "source", "year",
    "date_from", "date_to", "status", "status__exact", "countries__country", "kind", "term",
    "app_label", "model_name", "field_name", "_changelist_filters", "_to_field", "_popup",
    "all", "format", "section", "next", "ids",
]  # fmt: skip
# Plausible values for a parameter that is not the one under test.
PLAUSIBLE = {"a": "az", "b": "tr", "app_label": "articles", "path": "x/"}


@dataclass(frozen=True)
class Pattern:
    template: str  # "/admin/articles/article/%(object_id)s/history/"
    params: tuple[str, ...]
    name: str

    def url(self, **values) -> str:
        filled = {p: values.get(p, plausible(p)) for p in self.params}
        return "/" + self.template % filled

    def __str__(self):
        return self.name or self.template


def plausible(param: str) -> str:
    if param == "section":
        return next(iter(SITEMAPS))
    return PLAUSIBLE.get(param, "1")


def _walk(patterns, prefix=""):
    for entry in patterns:
        regex = entry.pattern.regex.pattern.removeprefix("^")
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + regex)
        elif isinstance(entry, URLPattern):
            template, params = normalize(prefix + regex)[0]
            yield Pattern(template=template, params=tuple(params), name=entry.name or "")


def all_patterns() -> list[Pattern]:
    """Every URL pattern once (admin included), as a template to fill."""
    unique = {}
    for pattern in _walk(get_resolver().url_patterns):
        unique.setdefault(pattern.template, pattern)
    return list(unique.values())


def admin_filter_keys(pattern_name: str) -> list[str]:
    """The query parameters of a changelist's filters (list_filter), one at a time."""
    keys = set()
    for model, model_admin in admin.site._registry.items():
        if pattern_name != f"{model._meta.app_label}_{model._meta.model_name}_changelist":
            continue
        for item in model_admin.list_filter:
            if isinstance(item, tuple | list):
                item = item[0]
            if isinstance(item, str):
                keys |= {item, f"{item}__exact", f"{item}__id__exact", f"{item}__isnull"}
                keys |= {f"{item}__gte", f"{item}__lt"}
            else:
                keys.add(getattr(item, "parameter_name", "") or "")
    return sorted(k for k in keys if k)


def autocomplete_queries() -> list[str]:
    """The admin autocomplete's parameters for every autocompleting field, term left to fill."""
    queries = []
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.autocomplete_fields:
            queries.append(
                f"app_label={model._meta.app_label}&model_name={model._meta.model_name}"
                f"&field_name={field}"
            )
    return queries


PATTERNS = all_patterns()


def problem(response, url: str, refused: bool) -> str | None:
    """What is wrong with the answer to url, or None."""
    if response.status_code >= 500:
        return f"{response.status_code} {url[:200]}"
    if not refused:
        return None
    if response.status_code != 400:
        return f"{response.status_code} (expected 400) {url[:200]}"
    if url.startswith("/api/") and not (
        response["Content-Type"] == "application/json" and response.json()["error"]["fields"]
    ):
        return f"400 without the JSON error naming the parameter: {url[:200]}"
    return None


REFUSED_PATH = [value for value, refused in PATH_VALUES if refused]
REFUSED_QUERY = [value for value, refused in QUERY_VALUES if refused]


def refused_url(pattern: Pattern) -> str:
    """The pattern with a refused value in each path parameter and each query key at once."""
    path = pattern.url(
        **{p: REFUSED_PATH[i % len(REFUSED_PATH)] for i, p in enumerate(pattern.params)}
    )
    keys = QUERY_KEYS + admin_filter_keys(pattern.name)
    return f"{path}?" + "&".join(
        f"{key}={REFUSED_QUERY[i % len(REFUSED_QUERY)]}" for i, key in enumerate(keys)
    )


def hostile_urls(pattern: Pattern):
    """(url, refused by the guard?) for every hostile value in every place of the pattern.

    The values the guard refuses are answered before the URL is even resolved, so one request
    per pattern carries them all (no pattern escapes the guard); each of them alone is
    test_each_refused_value_is_refused_on_its_own's. The values that reach the view go one at
    a time, in each place.
    """
    yield refused_url(pattern), True
    for param in pattern.params:
        for value, refused in PATH_VALUES:
            if not refused:
                yield pattern.url(**{param: value}), refused
    base = pattern.url()
    for value, refused in QUERY_VALUES:
        if not refused:
            yield f"{base}?" + "&".join(f"{key}={value}" for key in QUERY_KEYS), refused
    # The admin refuses a list with any unknown parameter before filtering: one at a time,
    # each with the values a filter could mistake (a number too large for its column, an
    # impossible date, quotes, nothing); "abc" and "-1" fail the same way as those here.
    for key in admin_filter_keys(pattern.name):
        for value in FILTER_VALUES:
            yield f"{base}?{key}={value}", False
    if pattern.template == "admin/autocomplete/":
        for fields in autocomplete_queries():
            for value, refused in QUERY_VALUES:
                yield f"{base}?{fields}&term={value}", refused


def test_the_walk_covers_the_admin_the_api_and_the_pages():
    templates = [p.template for p in PATTERNS]
    assert any(t.startswith("admin/articles/article/%(") for t in templates)
    assert any(re.match(r"admin/.+/history/%\(", t) for t in templates)
    assert any(t.startswith("api/v1/articles/%(") for t in templates)
    assert "admin/autocomplete/" in templates and "articles/" in templates
    assert len(PATTERNS) > 150
    urls = [url for pattern in PATTERNS for url, _ in hostile_urls(pattern)]
    assert any("/history/%00/" in url or "/history/a%00b/" in url for url in urls)
    assert "/admin/autocomplete/?app_label=articles&model_name=article" in "".join(urls)


def walker(partner_key) -> Client:
    """A superuser (staff: the admin's views run) carrying a partner key (the API's run too)."""
    chief = User.objects.create_superuser("walker", "", "a-long-test-password-3")
    staff = Client(
        headers={"Authorization": f"Bearer {partner_key[1]}"}, raise_request_exception=False
    )
    staff.force_login(chief)
    return staff


def test_each_refused_value_is_refused_on_its_own(db, partner_key):
    """Each value the guard refuses, alone, in a page's, the API's and the admin's path and
    query string."""
    staff = walker(partner_key)
    by_template = {p.template: p for p in PATTERNS}
    problems = []
    for template in (
        "articles/%(slug)s/",
        "api/v1/articles/%(ref)s/",
        "admin/articles/article/%(object_id)s/change/",
    ):
        pattern = by_template[template]
        urls = [pattern.url(**{pattern.params[0]: value}) for value in REFUSED_PATH]
        urls += [f"{pattern.url()}?q={value}" for value in REFUSED_QUERY]
        for url in urls:
            if found := problem(staff.get(url), url, refused=True):
                problems.append(f"{pattern}: {found}")
    assert problems == []


def area(pattern: Pattern) -> str:
    """admin/<app label>, admin, api or site: the walk is shared out by area."""
    parts = pattern.template.split("/")
    if parts[0] == "admin":
        labels = {model._meta.app_label for model in admin.site._registry}
        return f"admin/{parts[1]}" if parts[1] in labels else "admin"
    return "api" if parts[0] == "api" else "site"


AREAS = sorted({area(pattern) for pattern in PATTERNS})


@pytest.mark.parametrize("walked", AREAS)
def test_no_url_pattern_gives_a_server_error_on_hostile_input(seeded, partner_key, walked):
    staff = walker(partner_key)
    anonymous = Client(raise_request_exception=False)
    problems = []
    for pattern in PATTERNS:
        if area(pattern) != walked:
            continue
        is_admin = pattern.template.startswith("admin/")
        for client in [staff] if is_admin else [staff, anonymous]:
            for url, refused in hostile_urls(pattern):
                found = problem(client.get(url), url, refused)
                if found:
                    problems.append(f"{pattern}: {found}")
    assert problems == []
