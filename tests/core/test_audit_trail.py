"""The audit trail: one admin list of who published, withdrew, deleted, restored, signed in,
failed to sign in and changed a partner key, when and from where; editors and superusers read it.
"""

import getpass
import io
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_webtest import DjangoTestApp

from articles.models import Article
from articles.services import article_delete, article_publish, article_schedule, article_withdraw
from core.editors import EDITORS_GROUP, ensure_editors_group
from core.models import AuditAction, AuditEvent, AuditOrigin
from events.models import Topic
from partners.models import Partner
from tests.admin_pages import form_on, submit
from tests.articles.factories import ArticleFactory

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
    article = ArticleFactory(headline="Ministers discuss cooperation", status="draft")
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


def test_editorial_events_are_written_by_the_services_not_by_history_signals(db):
    # The services write the trail themselves: simple_history's signal has no audit receiver,
    # and a write made outside any request (a command on the server) is still recorded.
    from simple_history.signals import post_create_historical_record

    receivers = [ref() for _, ref in post_create_historical_record.receivers]
    assert not [r for r in receivers if r is not None and r.__module__.startswith("core.")]

    article = ArticleFactory(headline="Ministers discuss cooperation", status="draft")
    pk = str(article.pk)
    article_publish(article=article)
    article_withdraw(article=article)
    article_delete(article=article)
    rows = list(
        AuditEvent.objects.order_by("id").values_list(
            "action", "origin", "ip_address", "object_kind", "object_id"
        )
    )
    assert rows == [
        (action, AuditOrigin.COMMAND, None, "articles.article", pk)
        for action in (AuditAction.PUBLISHED, AuditAction.WITHDRAWN, AuditAction.DELETED)
    ]
    # Each row points at the history entry its write made.
    history_ids = set(Article.history.filter(id=pk).values_list("history_id", flat=True))
    assert set(AuditEvent.objects.values_list("history_id", flat=True)) <= history_ids


def test_a_refused_editorial_write_leaves_no_audit_row(db):
    article = ArticleFactory(headline="Ministers discuss cooperation", status="draft")
    with pytest.raises(ValidationError), transaction.atomic():
        article_publish(article=article, at=timezone.now() + timedelta(days=1))
    assert not AuditEvent.objects.exists()


def test_the_worker_s_scheduled_publication_is_audited_as_a_background_job(transactional_db):
    article = ArticleFactory(headline="Ministers discuss cooperation", status="draft")
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    article_schedule(article=article, at=at)
    assert not AuditEvent.objects.exists()  # scheduling publishes nothing yet
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=30)):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    event = AuditEvent.objects.get()
    assert (event.action, event.origin, event.object_id, event.ip_address) == (
        AuditAction.PUBLISHED,
        AuditOrigin.JOB,
        str(article.pk),
        None,
    )


def test_create_partner_on_the_command_line_is_audited(db):
    out = io.StringIO()
    call_command("create_partner", "Wire", stdout=out)
    key = Partner.objects.get(name="Wire").keys.get()
    event = AuditEvent.objects.get()
    assert (event.action, event.origin, event.object_id, event.ip_address) == (
        AuditAction.KEY_CREATED,
        AuditOrigin.COMMAND,
        str(key.pk),
        None,
    )
    # Who: the server account that ran it.
    assert event.username == getpass.getuser()


def test_partner_key_changes_in_the_admin_are_audited_with_who_and_where(chief):
    partner = Partner.objects.create(name="Wire")
    app = signed_in("chief")
    run_action(app, "/admin/partners/partner/", "create_key", partner.pk)
    key = partner.keys.get()

    # Its expiry, changed on the partner's own page (the keys inline)...
    form = form_on(app.get(f"/admin/partners/partner/{partner.pk}/change/"))
    form["keys-0-expires_at_0"] = "2030-01-01"
    form["keys-0-expires_at_1"] = "00:00:00"
    submit(form)
    # ...and its label, on the key's page.
    form = form_on(app.get(f"/admin/partners/apikey/{key.pk}/change/"))
    form["label"] = "Wire's newsroom"
    submit(form)
    # Saving a page without a change is not a change.
    submit(form_on(app.get(f"/admin/partners/apikey/{key.pk}/change/")))
    run_action(app, "/admin/partners/apikey/", "revoke", key.pk)

    rows = list(
        AuditEvent.objects.filter(object_kind="partners.apikey")
        .order_by("id")
        .values_list("action", "username", "ip_address", "origin", "object_id")
    )
    assert rows == [
        (action, "chief", ADDRESS, AuditOrigin.REQUEST, str(key.pk))
        for action in (
            AuditAction.KEY_CREATED,
            AuditAction.KEY_CHANGED,
            AuditAction.KEY_CHANGED,
            AuditAction.KEY_REVOKED,
        )
    ]
    text = app.get("/admin/core/auditevent/?action__exact=key_changed").text
    assert "Partner key changed" in text and ADDRESS in text
