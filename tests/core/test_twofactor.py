"""Two-factor sign-in, through the rendered pages: enrol from the admin, then sign in with codes.

The codes are computed here from the secret the enrolment page shows (RFC 6238, written out
below), as the editor's authenticator app would.
"""

import base64
import hmac
import struct
import time

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django_webtest import DjangoTestApp

from core.editors import EDITORS_GROUP, ensure_editors_group
from tests.core.test_production_settings import PRODUCTION_ENV, run_python

PASSWORD = "a-long-test-password-1"
required = override_settings(TWO_FACTOR_REQUIRED=True)


def totp(secret: str, at: float) -> str:
    key = base64.b32decode(secret.replace(" ", ""))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), "sha1").digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


@pytest.fixture
def editor(db, django_user_model):
    ensure_editors_group()
    user = django_user_model.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def browser() -> DjangoTestApp:
    return DjangoTestApp(extra_environ={"REMOTE_ADDR": "203.0.113.7"})


def sign_in_with_password(app, username="desk", next_url="/admin/"):
    page = app.get(f"/admin/login/?next={next_url}")
    form = page.forms["login-form"]
    form["username"], form["password"] = username, PASSWORD
    response = form.submit()
    assert response.status_code == 302, response.text[:500]
    return response.follow()  # the page asked for, which sends on to the second factor


def enrol(app) -> tuple[str, list[str]]:
    """From the setup page the password led to: scan (read the secret), confirm. -> secret, codes"""
    page = app.get("/admin/").follow()
    assert page.request.path == "/admin/2fa/setup/"
    image = page.html.select_one("#content-main img")
    assert image["src"].startswith("data:image/svg+xml")
    secret = page.html.select_one(".twofactor-secret").get_text()
    form = page.forms["twofactor-setup-form"]
    form["code"] = totp(secret, time.time())
    done = form.submit()
    codes = [c.get_text() for c in done.html.select(".recovery-codes code")]
    return secret, codes


@required
def test_an_editor_enrols_from_the_admin_and_signs_in_with_the_app(editor):
    app = browser()
    sign_in_with_password(app)
    secret, codes = enrol(app)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert app.get("/admin/").status_code == 200  # verified in this session

    # The next sign-in asks for a code (the one for the next 30 s: the first is spent).
    later = browser()
    page = sign_in_with_password(later).follow()
    assert page.request.path == "/admin/2fa/verify/"
    form = page.forms["twofactor-verify-form"]
    form["code"] = "000000" if totp(secret, time.time() + 30) != "000000" else "111111"
    refused = form.submit()
    assert refused.status_code == 200 and "That code is not valid" in refused.text
    # Django-otp throttles after a failure: the next try waits a second.
    time.sleep(1.1)
    form = refused.forms["twofactor-verify-form"]
    form["code"] = totp(secret, time.time() + 30)
    assert form.submit().follow().request.path == "/admin/"
    assert "Editorial desk" in later.get("/admin/").text


@required
def test_a_recovery_code_signs_in_once(editor):
    app = browser()
    sign_in_with_password(app)
    _, codes = enrol(app)

    first = browser()
    page = sign_in_with_password(first, next_url="/admin/articles/article/").follow()
    form = page.forms["twofactor-verify-form"]
    form["code"] = codes[0]
    assert form.submit().follow().request.path == "/admin/articles/article/"

    again = browser()
    page = sign_in_with_password(again).follow()
    form = page.forms["twofactor-verify-form"]
    form["code"] = codes[0]
    assert "That code is not valid" in form.submit().text


@required
def test_no_admin_page_opens_before_the_second_factor(editor):
    app = browser()
    sign_in_with_password(app)
    for url in ("/admin/", "/admin/articles/article/", "/admin/events/meeting/add/"):
        response = app.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/2fa/setup/?next=")


@required
def test_a_superuser_always_needs_the_second_factor(db, django_user_model):
    django_user_model.objects.create_superuser("chief", "", PASSWORD)
    app = browser()
    assert sign_in_with_password(app, "chief").status_code == 302
    assert app.get("/admin/auth/user/")["Location"].startswith("/admin/2fa/setup/")


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_without_the_requirement_the_password_is_enough(editor):
    app = browser()
    assert sign_in_with_password(app).status_code == 200


def test_production_requires_two_factor_by_default():
    probe = "import django; django.setup(); from django.conf import settings; "
    probe += "print(settings.TWO_FACTOR_REQUIRED)"
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = run_python(env, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"
    result = run_python({**env, "DJANGO_REQUIRE_2FA": "0"}, "-c", probe)
    assert result.stdout.strip().splitlines()[-1] == "False"
