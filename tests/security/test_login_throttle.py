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


def test_the_lockout_holds_for_the_username_from_another_address(client, desk):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "desk", "wrong", ip=f"198.51.100.{n + 1}")
    assert login(client, "desk", PASSWORD, ip="192.0.2.200").status_code == 429


def test_a_forged_forwarded_header_does_not_dodge_the_lockout(client, desk):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": f"guess-{n}", "password": "wrong"},
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


def test_a_success_before_the_limit_starts_the_count_again(client, desk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "desk", "wrong")
    assert login(client, "desk", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "desk", "wrong")
    assert login(client, "desk", PASSWORD).status_code == 302
