"""Admin logins are throttled after repeated failures (django-axes)."""

import pytest
from django.conf import settings

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def desk(django_user_model):
    return django_user_model.objects.create_user(username="desk", password=PASSWORD, is_staff=True)


def login(client, username, password, ip="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_the_right_password_logs_in(client, desk):
    response = login(client, "desk", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_after_repeated_failures_even_the_right_password_is_refused(client, desk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "desk", "wrong").status_code == 200  # the form again
    locked = login(client, "desk", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()

    response = login(client, "desk", PASSWORD)
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_the_lockout_holds_only_for_the_username_from_that_address(client, desk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "desk", "wrong", ip="198.51.100.1")
    assert login(client, "desk", PASSWORD, ip="198.51.100.1").status_code == 429
    assert login(client, "desk", PASSWORD, ip="192.0.2.200").status_code == 302


def test_many_usernames_from_one_address_lock_out_nobody_else(client, desk):
    for n in range(settings.AXES_FAILURE_LIMIT * 2):
        login(client, f"guess-{n}", "wrong", ip="198.51.100.1")
    assert login(client, "desk", PASSWORD, ip="198.51.100.1").status_code == 302


def test_a_forged_forwarded_header_does_not_dodge_the_lockout(client, desk):
    # Without a proxy (development), X-Forwarded-For is the client's own word: ignored.
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "desk", "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n + 1}",
        )
    response = client.post(
        "/admin/login/",
        {"username": "desk", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert response.status_code == 429


def test_a_superuser_sees_and_lifts_a_lockout_from_the_admin(client, desk, django_app):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "desk", "wrong")
    assert login(client, "desk", PASSWORD).status_code == 429

    chief = type(desk).objects.create_superuser("chief", "", "a-long-test-password-2")
    index = django_app.get("/admin/", user=chief)
    notice = index.html.select_one(".messagelist .warning")
    assert "1 sign-in locked out" in notice.get_text()
    attempts = index.click(href="locked_out=yes")
    assert "desk" in attempts.text and "203.0.113.7" in attempts.text
    form = attempts.forms["changelist-form"]
    form["action"] = "lift_lockout"
    form.get("_selected_action", index=0).checked = True
    done = form.submit().follow()
    assert "Lockout lifted: desk from 203.0.113.7." in done.text

    assert login(client, "desk", PASSWORD).status_code == 302


def test_an_editor_cannot_see_the_lockouts(desk, django_app):
    from django.contrib.auth.models import Group

    from core.editors import EDITORS_GROUP, ensure_editors_group

    ensure_editors_group()
    desk.groups.add(Group.objects.get(name=EDITORS_GROUP))
    django_app.get("/admin/axes/accessattempt/", user=desk, status=403)


def test_a_success_before_the_limit_starts_the_count_again(client, desk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "desk", "wrong")
    assert login(client, "desk", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "desk", "wrong")
    assert login(client, "desk", PASSWORD).status_code == 302
