import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from partners.models import ApiKey, Partner, api_key_create, api_key_revoke, hash_key


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_no_key_is_401_with_a_json_error(db):
    response = APIClient().get("/api/v1/articles/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer bra_00000000_notakey", "Bearer nonsense", "Token abc", "Bearer", "Basic dXNlcjpwYXNz"],
)
def test_a_bad_key_is_401(db, raw_key, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/officials/")
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_a_key_with_the_right_prefix_but_wrong_secret_is_401(raw_key):
    forged = raw_key[:13] + "x" * (len(raw_key) - 13)
    assert client_with(forged).get("/api/v1/topics/").status_code == 401


def test_revoked_and_expired_keys_and_inactive_partners_are_refused(partner, raw_key):
    assert client_with(raw_key).get("/api/v1/topics/").status_code == 200
    api_key_revoke(key=ApiKey.objects.get())
    assert client_with(raw_key).get("/api/v1/topics/").status_code == 401

    _, expired = api_key_create(partner=partner, expires_at=timezone.now() - timedelta(seconds=1))
    assert client_with(expired).get("/api/v1/topics/").status_code == 401

    _, fresh = api_key_create(partner=partner, expires_at=timezone.now() + timedelta(days=1))
    assert client_with(fresh).get("/api/v1/topics/").status_code == 200
    Partner.objects.update(is_active=False)
    assert client_with(fresh).get("/api/v1/topics/").status_code == 401


def test_keys_are_hashed_at_rest_and_last_use_is_recorded(raw_key):
    key = ApiKey.objects.get()
    assert raw_key not in {key.prefix, key.key_hash}
    assert key.key_hash == hash_key(raw_key)
    assert key.last_used_at is None
    client_with(raw_key).get("/api/v1/topics/")
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_create_partner_prints_the_key_alone_on_its_last_line(db, capsys):
    call_command("create_partner", "Baku Research Institute", "--rate", "30")
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    assert last_line.startswith("bra_") and " " not in last_line
    assert Partner.objects.get(name="Baku Research Institute").requests_per_minute == 30
    assert client_with(last_line).get("/api/v1/topics/").status_code == 200


def test_keys_never_reach_the_logs(raw_key, caplog):
    caplog.set_level(logging.DEBUG)
    client_with(raw_key).get("/api/v1/topics/")
    client_with(raw_key + "x").get("/api/v1/topics/")
    client_with(raw_key).get("/api/v1/topics/?page_size=nope")
    assert raw_key not in caplog.text
    assert "Unauthorized" in caplog.text or "Bad Request" in caplog.text


def test_error_pages_hide_the_authorization_header(rf, raw_key):
    from django.views.debug import SafeExceptionReporterFilter

    request = rf.get("/api/v1/topics/", HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    meta = SafeExceptionReporterFilter().get_safe_request_meta(request)
    assert raw_key not in str(meta)


def test_the_rate_limit_answers_429_with_retry_after(partner, raw_key):
    partner.requests_per_minute = 3
    partner.save()
    client = client_with(raw_key)
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/topics/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "throttled"


def test_the_rate_limit_is_per_partner(partner, raw_key):
    partner.requests_per_minute = 1
    partner.save()
    other = Partner.objects.create(name="Other desk", requests_per_minute=1)
    _, other_key = api_key_create(partner=other)
    assert client_with(raw_key).get("/api/v1/topics/").status_code == 200
    assert client_with(raw_key).get("/api/v1/topics/").status_code == 429
    assert client_with(other_key).get("/api/v1/topics/").status_code == 200


def test_a_partners_requests_write_no_session(seeded, raw_key):
    # Sessions are for people signed in to the admin; an API call is stateless, and writing a
    # session row per call would turn every partner read into a database write.
    from django.contrib.sessions.models import Session

    client = client_with(raw_key)
    for url in (
        "/api/v1/articles/",
        "/api/v1/meetings/",
        "/api/v1/articles/?updated_since=2000-01-01",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "sessionid" not in response.cookies, url
    assert not Session.objects.exists()
