"""The audit trail: one admin list of who published, withdrew, deleted, restored, signed in,
failed to sign in and changed a partner key, when and from where; editors and superusers read it.
"""

import pytest
from django.contrib.auth.models import Group
from django_webtest import DjangoTestApp

from core.editors import EDITORS_GROUP, ensure_editors_group
from core.models import AuditAction, AuditEvent
from events.models import Topic
from partners.models import Partner
from tests.admin.factories import make_article

PASSWORD = "a-long-test-password-2"
ADDRESS = "203.0.113.7"


@pytest.fixture
def chief(db, django_user_model):
    return django_user_model.objects.create_superuser("chief", "", PASSWORD)


def signed_in(username: str) -> DjangoTestApp:
    app = DjangoTestApp(extra_environ={"REMOTE_ADDR": ADDRESS})
    form = app.get("/admin/login/?next=/admin/").forms["login-form"]
    form["username"], form["password"] = username, PASSWORD
    assert form.submit().status_code == 302
    return app


def run_action(app, url: str, action: str, label: str):
    page = app.get(url)
    form = page.forms["changelist-form"]
    form["action"] = action
    for checkbox in form.fields["_selected_action"]:
        if checkbox._value == str(label):
            checkbox.checked = True
    return form.submit()


def test_the_trail_lists_each_kind_of_event_with_who_and_where(chief):
    failed = DjangoTestApp(extra_environ={"REMOTE_ADDR": "198.51.100.9"})
    form = failed.get("/admin/login/").forms["login-form"]
    form["username"], form["password"] = "chief", "wrong"
    form.submit()

    app = signed_in("chief")
    article = make_article(status="draft")
    run_action(app, "/admin/articles/article/", "publish", article.pk)
    run_action(app, "/admin/articles/article/", "withdraw", article.pk)

    topic = Topic.objects.create(name="Air defence", slug="air-defence")
    app.get(f"/admin/events/topic/{topic.pk}/delete/").forms[1].submit()
    deleted = app.get("/admin/events/topic/deleted/")
    restore = deleted.click(href="/restore/", index=0)
    restore.forms[1].submit()

    partner = Partner.objects.create(name="Wire")
    run_action(app, "/admin/partners/partner/", "create_key", partner.pk)
    key = partner.keys.get()
    run_action(app, "/admin/partners/apikey/", "revoke", key.pk)

    rows = {(e.action, e.username, e.ip_address) for e in AuditEvent.objects.all()}
    assert (AuditAction.SIGN_IN_FAILED, "chief", "198.51.100.9") in rows
    for action in (
        AuditAction.SIGNED_IN,
        AuditAction.PUBLISHED,
        AuditAction.WITHDRAWN,
        AuditAction.DELETED,
        AuditAction.RESTORED,
        AuditAction.KEY_CREATED,
        AuditAction.KEY_REVOKED,
    ):
        assert (action, "chief", ADDRESS) in rows, action

    page = app.get("/admin/core/auditevent/")
    text = page.text
    for label in ("Published", "Withdrawn", "Deleted", "Restored", "Failed to sign in"):
        assert label in text
    assert "198.51.100.9" in text and "Ministers discuss cooperation" in text
    # An editorial row leads to the object's history, which holds what changed.
    assert f"/admin/articles/article/{article.pk}/history/" in text


def test_editors_read_the_trail_and_nobody_edits_it(db, django_user_model, chief):
    ensure_editors_group()
    editor = django_user_model.objects.create_user("desk", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    app = signed_in("desk")
    assert "Audit" in app.get("/admin/").text
    assert app.get("/admin/core/auditevent/").status_code == 200
    event = AuditEvent.objects.first()
    app.get("/admin/core/auditevent/add/", status=403)
    page = app.get(f"/admin/core/auditevent/{event.pk}/change/")
    assert "Save" not in page.text
    app.get(f"/admin/core/auditevent/{event.pk}/delete/", status=403)
