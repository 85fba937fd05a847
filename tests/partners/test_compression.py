"""Brotli and gzip on the wire, through a real HTTP client against the live server."""

import brotli
import pytest
import requests
from django.core.management import call_command

from partners.models import Partner, api_key_create


@pytest.fixture
def server(transactional_db, live_server):
    call_command("load_seeds", verbosity=0)
    partner = Partner.objects.create(name="Wire", requests_per_minute=100_000)
    raw_key = api_key_create(partner=partner, label="compression")[1]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {raw_key}"
    return live_server.url, session


def get(session, url, encoding, **headers):
    # stream=True: requests must not decode, so the test sees the bytes that were sent.
    return session.get(url, headers={"Accept-Encoding": encoding, **headers}, stream=True)


@pytest.mark.parametrize("path", ["/api/v1/articles/", "/api/v1/meetings/1/", "/articles/"])
def test_answers_are_compressed_as_the_client_asks_and_say_so(server, path):
    base, session = server
    if path == "/api/v1/meetings/1/":
        path = session.get(f"{base}/api/v1/meetings/").json()["results"][0]["uri"][
            len("http://127.0.0.1:8000") :
        ]
    plain = get(session, base + path, "identity")
    assert plain.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["Vary"]
    body = plain.raw.read()

    br = get(session, base + path, "gzip, deflate, br")
    assert br.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in br.headers["Vary"]
    compressed = br.raw.read()
    assert brotli.decompress(compressed) == body
    assert len(compressed) < len(body)

    gz = get(session, base + path, "gzip")
    assert gz.headers["Content-Encoding"] == "gzip"
    gz.raw.decode_content = True
    assert gz.raw.read() == body


def test_etag_of_a_compressed_answer_still_gives_304(server):
    base, session = server
    url = f"{base}/api/v1/articles/"
    plain = get(session, url, "identity")
    strong = plain.headers["ETag"]
    br = get(session, url, "br")
    assert br.headers["ETag"] == "W/" + strong
    for etag, encoding in [(br.headers["ETag"], "br"), (strong, "gzip"), (strong, "identity")]:
        again = get(session, url, encoding, **{"If-None-Match": etag})
        assert again.status_code == 304, (etag, encoding)
        assert again.raw.read() == b""


def test_admin_is_never_compressed(server):
    # BREACH: the admin's pages carry the CSRF token next to what an editor typed.
    base, session = server
    login = get(session, f"{base}/admin/login/", "br, gzip")
    assert login.status_code == 200
    assert "Content-Encoding" not in login.headers
    assert b"csrfmiddlewaretoken" in login.raw.read()
