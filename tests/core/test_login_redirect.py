"""A successful sign-in lands on the admin index, whatever the ?next= says about elsewhere."""

import pytest

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def desk(db, django_user_model):
    return django_user_model.objects.create_user(username="desk", password=PASSWORD, is_staff=True)


def sign_in(django_app, url):
    page = django_app.get(url)
    form = page.forms["login-form"]
    form["username"] = "desk"
    form["password"] = PASSWORD
    return form.submit(extra_environ={"REMOTE_ADDR": "203.0.113.7"})


@pytest.mark.parametrize(
    "url",
    [
        "/admin/login/",
        "/admin/login/?next=https://evil.example/admin/",
        "/admin/login/?next=//evil.example/",
        "/admin/login/?next=javascript:alert(1)",
    ],
)
def test_sign_in_goes_to_the_admin_index(desk, django_app, url):
    response = sign_in(django_app, url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert "Editorial desk" in response.follow().text


def test_a_safe_next_is_followed(desk, django_app):
    response = sign_in(django_app, "/admin/login/?next=/admin/articles/article/")
    assert response["Location"] == "/admin/articles/article/"
