"""Schemathesis against the published OpenAPI schema, in-process through the WSGI app.

Every operation in /api/schema/ is called with generated parameters, both valid ones and
ones that break the schema, and a partner key; the API may refuse with a 4xx naming the
problem but never answers 5xx. Bounded: SCHEMATHESIS_MAX_EXAMPLES (default: the profile's) per
operation and mode. (Schemathesis' own pytest plugin does not run under pytest 9 yet, so the
strategies are driven with Hypothesis directly.)
"""

import os
from contextlib import contextmanager

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

# Default: the Hypothesis profile's (tests/conftest.py: 10 locally, 25 in CI).
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES") or settings.default.max_examples)
BOUNDED = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@contextmanager
def keep_test_connection():
    """Keep the test's connection open across raw WSGI requests, as Django's test client does.

    A request's end closes connections inside a transaction, and the test runs in one.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_no_operation_answers_with_a_server_error(seeded, partner_key):
    from config.wsgi import application

    headers = {"Authorization": f"Bearer {partner_key[1]}"}
    seen = []
    with keep_test_connection():
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 18  # nine endpoints, list and detail each
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                run(operation, mode, headers, seen)
    print(f"schemathesis: {len(seen)} calls, statuses {sorted(set(seen))}")
    # The run did real work: successes and refusals both happened.
    assert 200 in seen and any(400 <= status < 500 for status in seen)


def run(operation, mode, headers, seen):
    @BOUNDED
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        response = case.call(headers=headers)
        seen.append(response.status_code)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} query={case.query} -> {response.status_code}"
        )

    check()
