from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from core.editors import EDITORIAL_APPS, EDITORS_GROUP, ensure_editors_group


def test_editor_is_refused_users_and_groups(editor_client):
    for url in (
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/auth/user/add/",
        "/admin/auth/group/add/",
    ):
        assert editor_client.get(url).status_code == 403, url


def test_editor_sees_the_editorial_models_on_the_index(editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    labels = {app["app_label"] for app in response.context["app_list"]}
    # And the audit trail (core), which editors read and nobody edits.
    assert labels == set(EDITORIAL_APPS) | {"core"}
    core = next(app for app in response.context["app_list"] if app["app_label"] == "core")
    assert [m["object_name"] for m in core["models"]] == ["AuditEvent"]
    assert not core["models"][0]["add_url"]


def test_editors_group_has_full_rights_on_editorial_models_and_view_on_history(db):
    ensure_editors_group()
    granted = {
        (p.content_type.app_label, p.codename)
        for p in Group.objects.get(name=EDITORS_GROUP).permissions.select_related("content_type")
    }
    assert {app for app, _ in granted} == set(EDITORIAL_APPS)
    for model in ("person", "meeting", "delegation", "article", "source", "topic"):
        app = ContentType.objects.get(model=model, app_label__in=EDITORIAL_APPS).app_label
        for action in ("add", "change", "delete", "view"):
            assert (app, f"{action}_{model}") in granted
    historical = {codename for _, codename in granted if "historical" in codename}
    assert historical and all(c.startswith("view_") for c in historical)


def test_editors_group_never_gains_rights_outside_the_editorial_apps(db):
    # A future app's permission appearing must not reach editors on the next migrate.
    partner_type, _ = ContentType.objects.get_or_create(app_label="partners", model="futurekey")
    Permission.objects.get_or_create(
        content_type=partner_type, codename="view_futurekey", defaults={"name": "Can view key"}
    )
    ensure_editors_group()
    group = Group.objects.get(name=EDITORS_GROUP)
    assert not group.permissions.filter(
        content_type__app_label__in=["partners", "auth", "contenttypes", "sessions", "admin"]
    ).exists()
