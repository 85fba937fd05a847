"""Bad input never breaks anything: generated query strings on every list page and API list.

Hypothesis builds query strings from each view's own filter names (its FilterSet, read at
test time) plus the usual paging and search names and some nonsense, with values that are
hostile on purpose: NUL bytes, huge numbers, impossible dates, SQL and markup. The answer
may be a page, a redirect, a form error, a 400 naming the field or a 404: never a 5xx.

The number of examples is bounded: HYPOTHESIS_MAX_EXAMPLES per URL (default: the profile's).
"""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.acceptance import site_map

# Default: the Hypothesis profile's (tests/conftest.py: 10 locally, 25 in CI).
MAX_EXAMPLES = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES") or settings.default.max_examples)
BOUNDED = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COMMON_KEYS = [
    "q", "page", "page_size", "cursor", "updated_since", "sort", "order", "ordering",
    "country", "pair", "topic", "person", "exhibition", "year", "month", "date_from",
    "date_to", "status", "language", "format", "kind", "type", "id", "format[]",
]  # fmt: skip
HOSTILE = [
    "", " ", "\x00", "a\x00b", "-1", "0", "1e309", "NaN", "99999999999999999999999",
    "2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31T23:59:59+99:00", "' OR 1=1 --",
    '"><script>alert(1)</script>', "%", "%%", "\\", "../../etc/passwd", "az-tr", "AZ",
    "zz-zz", "Güler", "ﬀ", "\u202e", "👍", "a" * 3000, "[]", "{}", "null", "true",
]  # fmt: skip
text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
values = st.one_of(
    st.sampled_from(HOSTILE), text, st.integers(-(2**70), 2**70).map(str), st.dates().map(str)
)


def keys_for(route) -> list[str]:
    filterset = getattr(route.view, "filterset_class", None)
    own = list(filterset.base_filters) if filterset is not None else []
    return own + COMMON_KEYS


def query_strategy(route):
    keys = st.one_of(st.sampled_from(keys_for(route)), text.filter(bool))
    return st.lists(st.tuples(keys, values), max_size=5)


def list_routes():
    pages = site_map.parameterless(site_map.public_routes())
    apis = [r for r in site_map.parameterless(site_map.api_routes()) if r.is_api_data]
    return pages + apis


@pytest.mark.parametrize("route", list_routes(), ids=str)
def test_generated_query_strings_never_cause_a_server_error(route, seeded, partner_key):
    client = Client(
        headers={"Authorization": f"Bearer {partner_key[1]}"}, raise_request_exception=False
    )
    url = site_map.url_for(route)

    @BOUNDED
    @given(query=query_strategy(route))
    def check(query):
        cache.clear()
        data = {}
        for key, value in query:
            data.setdefault(key, []).append(value)
        response = client.get(url, data)
        assert response.status_code < 500, (url, data, response.status_code)

    check()
