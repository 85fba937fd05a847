"""Answers say they vary by Cookie only when a session cookie came with the request.

Without a session cookie nobody is signed in, and the session is not read (so Django does not
add `Vary: Cookie`): a partner's API answers and a reader's pages can be kept once by a shared
cache instead of once per cookie. Signing in and what a signed-in editor gets are unchanged.
"""

from django.contrib.auth.models import User

from articles.models import Article


def vary(response) -> set[str]:
    header = response.headers.get("Vary", "")
    return {part.strip().lower() for part in header.split(",") if part}


def test_a_partners_api_answers_do_not_vary_by_cookie(seeded, client, raw_key):
    auth = {"authorization": f"Bearer {raw_key}"}
    article = Article.objects.published().get()  # the seed story, whatever id it was given
    for path in ("/api/v1/articles/", f"/api/v1/articles/{article.pk}/", "/api/v1/meetings/"):
        response = client.get(path, headers=auth)
        assert response.status_code == 200, path
        assert "cookie" not in vary(response), path
        assert not response.cookies  # and nothing is written for it


def test_a_readers_pages_do_not_vary_by_cookie(seeded, client):
    for path in ("/", "/articles/", "/az/meetings/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "cookie" not in vary(response), path


def test_signing_in_through_the_form_still_works_and_then_answers_vary(seeded, django_app):
    User.objects.create_user("desk", password="a-long-test-password-9", is_staff=True)
    form = django_app.get("/admin/login/").forms["login-form"]
    form["username"], form["password"] = "desk", "a-long-test-password-9"
    after = form.submit().follow()
    assert after.status_code == 200 and "desk" in after.text  # the admin greets the editor
    assert "sessionid" in django_app.cookies
    page = django_app.get("/articles/")
    assert "cookie" in vary(page)  # this answer was made for a signed-in session
