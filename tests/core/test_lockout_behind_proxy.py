"""Lockouts hit the attacker, not the desk: production settings, behind a simulated proxy.

The test database's accounts are committed (transactional_db) and a separate Python process
with DJANGO_ENV=production signs in against it through Django's test client, every request
arriving from the proxy's address (REMOTE_ADDR) with the client's in X-Forwarded-For, as
gunicorn sees it behind the documented TLS proxy.
"""

import json

import pytest
from django.db import connection

from tests.core.test_production_settings import PRODUCTION_ENV, run_python

PASSWORD = "a-long-test-password-1"
PROXY = "10.0.0.2"
ATTACKER = "198.51.100.66"
EDITOR_DESK = "192.0.2.10"

PROBE = """
import django, json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
# collectstatic is a deploy step; only the static files storage is swapped for the login page.
override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
from axes.models import AccessAttempt

PROXY = sys.argv[1]
results = []


def login(username, password, forwarded):
    client = Client(headers={"X-Forwarded-Proto": "https"})
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        secure=True,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    return response.status_code


for step in json.loads(sys.argv[2]):
    if step == "reset":
        AccessAttempt.objects.all().delete()
        results.append("reset")
        continue
    username, password, forwarded = step
    results.append(login(username, password, forwarded))
print(json.dumps({
    "results": results,
    "attempts": sorted(set(AccessAttempt.objects.values_list("username", "ip_address"))),
}))
"""


@pytest.fixture
def desk(transactional_db, production_hasher, django_user_model):
    return django_user_model.objects.create_user(username="desk", password=PASSWORD, is_staff=True)


def run_probe(steps) -> dict:
    used = connection.settings_dict  # the test database, on whichever server runs the tests
    env = {
        **PRODUCTION_ENV,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://{used['USER']}@{used['HOST']}:{used['PORT']}/{used['NAME']}",
        "DJANGO_PROXY_COUNT": "1",
        # The password step is what is throttled; a second factor is another test's concern.
        "DJANGO_REQUIRE_2FA": "0",
    }
    result = run_python(env, "-c", PROBE, PROXY, json.dumps(steps))
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_failures_from_one_address_do_not_lock_out_the_editor_elsewhere(desk):
    guesses = [[f"guess-{n}", "wrong", ATTACKER] for n in range(5)]
    seen = run_probe([*guesses, ["desk", PASSWORD, EDITOR_DESK]])
    assert seen["results"][:5] == [200] * 5  # the form again, with its error
    assert seen["results"][5] == 302  # the editor signs in
    # Recorded against the attacker's forwarded address, not the proxy's.
    assert {address for _, address in seen["attempts"]} == {ATTACKER}


def test_failures_on_a_username_from_one_address_lock_only_that_pair(desk):
    failures = [["desk", "wrong", ATTACKER] for _ in range(5)]
    seen = run_probe([*failures, ["desk", PASSWORD, ATTACKER], ["desk", PASSWORD, EDITOR_DESK]])
    assert seen["results"][4] == 429  # the fifth failure locks the pair
    assert seen["results"][5] == 429  # the right password from the attacker's address: refused
    assert seen["results"][6] == 302  # the same account from the desk's address: in


def test_a_forged_forwarded_entry_does_not_pin_failures_on_the_desk(desk):
    # The attacker claims the desk's address; the proxy appends the one it really saw.
    forged = f"{EDITOR_DESK}, {ATTACKER}"
    seen = run_probe(
        [*[["desk", "wrong", forged] for _ in range(5)], ["desk", PASSWORD, EDITOR_DESK]]
    )
    assert seen["results"][4] == 429
    assert seen["results"][5] == 302
    assert seen["attempts"] == [["desk", ATTACKER]]
