"""Who may do what, over every URL: anonymous reader, editor, superuser and partner key.

The URLs come from the URLconf and the admin registry at test time (tests/acceptance/site_map.py),
so pages, feeds and endpoints added later are in the matrix without editing it.
"""

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from core.editors import EDITORIAL_APPS
from partners.models import Partner
from tests.acceptance import site_map
from tests.acceptance.inert import active_content

ACTORS = ("anonymous", "editor", "superuser", "partner")
# Apps whose admin pages only a superuser may open: accounts, partner keys, login records.
RESTRICTED_APPS = ("auth", "partners", "axes", "admin", "sessions")


def get(client, url):
    cache.clear()  # each actor's request is answered afresh, not from another's cached page
    return client.get(url)


def test_every_public_route_can_be_filled(matrix_objects):
    filled, unfilled = site_map.sample_urls(site_map.routes(), matrix_objects)
    assert filled
    assert not unfilled, (
        "Routes the security tests cannot build an address for; add a MODEL_HINTS entry in "
        f"tests/acceptance/site_map.py: {', '.join(map(str, unfilled))}"
    )


def test_public_pages_open_to_every_actor(actors, matrix_objects):
    filled, _ = site_map.sample_urls(site_map.public_routes(), matrix_objects)
    failures = []
    for _route, url in filled:
        for actor in ACTORS:
            response = get(actors[actor], url)
            if response.status_code != 200:
                failures.append(f"{actor} {url} -> {response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_api_opens_to_a_partner_key_only(actors, matrix_objects):
    filled, _ = site_map.sample_urls(site_map.api_routes(), matrix_objects)
    assert any(route.is_api_data for route, _ in filled)
    failures = []
    for route, url in filled:
        for actor in ACTORS:
            status = get(actors[actor], url).status_code
            if not route.is_api_data:
                expected = {200}  # the schema and its docs page are public
            elif actor == "partner":
                expected = {200}
            else:
                # A session (even a superuser's) is not an API credential.
                expected = {401, 403}
            if status not in expected:
                failures.append(f"{actor} {url} -> {status}, expected {sorted(expected)}")
    assert not failures, "\n".join(failures)


def test_admin_pages_by_actor(actors, matrix_objects):
    pages = site_map.admin_pages(matrix_objects)
    assert {page.app_label for page in pages} >= {*EDITORIAL_APPS, "auth", "partners"}
    failures = []

    def expect(actor, page, allowed):
        response = get(actors[actor], page.url)
        if response.status_code not in allowed:
            failures.append(f"{actor} {page} -> {response.status_code}, expected {allowed}")
        return response

    for page in pages:
        for actor in ("anonymous", "partner"):
            response = expect(actor, page, {302})
            if response.status_code == 302 and not response["Location"].startswith("/admin/login/"):
                failures.append(f"{actor} {page} redirected to {response['Location']}")
        if page.app_label in EDITORIAL_APPS:
            expect("editor", page, {200})
        elif page.app_label in RESTRICTED_APPS:
            expect("editor", page, {403})
        else:
            expect("editor", page, {200, 403})
        # The superuser sees everything; some models refuse the add page to everyone (API
        # keys are only ever created with their partner, so the secret is shown once).
        model_admin = admin.site._registry[page.model]
        can_add = page.view != "add" or model_admin.has_add_permission(_request(actors))
        response = expect("superuser", page, {200} if can_add else {403})
        if response.status_code == 200:
            # The admin must work under the Content Security Policy: no inline script or handler.
            found = active_content(response.content.decode())
            scripts = [p for p in found if "script" in p or "event handler" in p]
            failures.extend(f"superuser {page}: {problem}" for problem in scripts)
    assert not failures, "\n".join(failures)


def _request(actors):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="chief")
    return request


def test_partner_key_opens_no_admin_page(actors):
    for url in ("/admin/", "/admin/articles/article/", "/admin/partners/apikey/"):
        response = actors["partner"].get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_editor_admin_home_offers_no_users_groups_or_partners(actors):
    page = actors["editor"].get("/admin/").content.decode()
    assert "/admin/articles/article/" in page
    for forbidden in ("/admin/auth/user/", "/admin/auth/group/", "/admin/partners/"):
        assert forbidden not in page


def test_editor_cannot_create_accounts_keys_or_promote_themselves(actors, editor_user):
    editor = actors["editor"]
    password = "a-new-long-password-3"
    attempts = {
        "/admin/auth/user/add/": {"username": "mole", "password1": password, "password2": password},
        "/admin/auth/group/add/": {"name": "Shadow desk"},
        "/admin/partners/partner/add/": {"name": "Leaky partner", "requests_per_minute": 60},
        f"/admin/auth/user/{editor_user.pk}/change/": {
            "username": "desk",
            "is_staff": "on",
            "is_superuser": "on",
        },
    }
    for url, data in attempts.items():
        assert editor.post(url, data).status_code == 403, url
    editor_user.refresh_from_db()
    assert not editor_user.is_superuser
    assert not User.objects.filter(username="mole").exists()
    assert not Group.objects.filter(name="Shadow desk").exists()
    assert not Partner.objects.filter(name="Leaky partner").exists()
