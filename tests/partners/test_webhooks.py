"""Signed webhooks: a partner's receiver on 127.0.0.1 gets every change, once, signed, in order.

The receiver is a real HTTP server in a thread; the signature is checked here from the
Standard Webhooks spec (HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the
base64-decoded part of the secret after "whsec_"), not with the project's own signing code.
Retries are driven by the real job worker (`db_worker --batch`) with the clock moved forward.
"""

import base64
import hmac
import json
import threading
import time
from collections import defaultdict
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.services import article_publish, article_save, article_withdraw
from core import feed
from core.models import Change, Document
from partners.models import Partner, WebhookDelivery, WebhookEndpoint
from partners.webhooks import dispatch
from tests.admin_pages import add_inline_rows, form_on
from tests.articles.factories import ArticleFactory

TOLERANCE = 5 * 60  # seconds, as the spec recommends


def verify(secret: str, headers, body: bytes, now: float) -> bool:
    msg_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if not msg_id or not timestamp.isdigit() or abs(now - int(timestamp)) > TOLERANCE:
        return False
    key = base64.b64decode(secret.split("_", 1)[1])
    expected = base64.b64encode(
        hmac.new(key, msg_id.encode() + b"." + timestamp.encode() + b"." + body, "sha256").digest()
    ).decode()
    for signature in headers["webhook-signature"].split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


class Receiver:
    """A partner's endpoint: answers 500 to the first `fail_first` requests, then 204."""

    def __init__(self, fail_first: int = 0):
        self.fail_first, self.requests, self.accepted = fail_first, 0, []
        self.secret = None
        self.clock = timezone.now
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.requests += 1
                if receiver.requests <= receiver.fail_first:
                    self.send_response(500)
                    self.end_headers()
                    return
                signed = verify(receiver.secret, self.headers, body, receiver.clock().timestamp())
                receiver.accepted.append((self.headers["webhook-id"], signed, json.loads(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def deduplicated(self) -> dict:
        seen = {}
        for webhook_id, signed, payload in self.accepted:
            assert signed, f"bad signature on {webhook_id}"
            seen.setdefault(webhook_id, payload)
        return seen


@pytest.fixture
def receiver():
    made = []

    def make(fail_first=0):
        made.append(Receiver(fail_first))
        return made[-1]

    yield make
    for r in made:
        r.close()


def scripted_edits():
    """Publish, correct, withdraw, republish, a draft kept back, a draft published."""
    first = ArticleFactory(published=True, headline="Border talks resume")
    second = ArticleFactory(published=True, headline="Water accord signed")
    first.headline = "Border talks resume in the capital"
    article_save(article=first)
    article_withdraw(article=second)
    kept_back = ArticleFactory(published=False, headline="Unconfirmed: a draft")
    later = ArticleFactory(published=False, headline="Trade figures")
    article_publish(article=later)
    first.body = "<p>Corrected figures.</p>"
    article_save(article=first)
    article_publish(article=second)
    return kept_back


def wait_for_the_log(limit=300):
    """Until the log reads up to its last row (committed rows wait for any older transaction).

    Transaction ids are cluster-wide: another test run's open transaction on the same server
    holds the readable log back for a while. Alone on the server, this returns at once.
    """
    last = Change.objects.order_by("-id").values_list("id", flat=True).first()
    for _ in range(limit):
        if feed.log_head("article")[1] >= last:
            return
        time.sleep(1)
    raise AssertionError("the change log stayed behind an open transaction for 5 minutes")


def run_worker(at):
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_every_change_arrives_once_signed_and_in_order(db, partner, receiver):
    hook = receiver()
    endpoint = WebhookEndpoint.objects.create(partner=partner, url=hook.url)
    hook.secret = endpoint.secret
    assert endpoint.secret.startswith("whsec_")
    assert len(base64.b64decode(endpoint.secret.removeprefix("whsec_"))) == 32

    kept_back = scripted_edits()
    dispatch()
    dispatch()  # a second run sends nothing again

    changes = list(Change.objects.order_by("id"))
    assert len(changes) == 7
    got = hook.deduplicated()
    assert len(hook.accepted) == len(changes)
    assert sorted(got) == sorted(f"chg_{c.pk}" for c in changes)
    for change in changes:
        payload = got[f"chg_{change.pk}"]
        assert payload["type"] == f"article.{change.action}"
        assert payload["id"] == change.pk
        data = payload["data"]
        assert (data["kind"], data["id"], data["version"]) == (
            "article",
            change.object_id,
            change.version,
        )
        assert data["uri"].endswith(f"/api/v1/articles/{change.object_id}/")
        if change.action == "left":
            assert data["pubstatus"] == data["document"]["pubstatus"] == "canceled"
        else:
            assert data["pubstatus"] == "usable"
            assert data["document"]["headlines"][0]["value"], data["document"]
            assert data["document"]["version"] == str(
                Document.objects.get(object_id=data["id"]).version
            )
    assert kept_back.headline not in json.dumps(hook.accepted)
    # Per object, the changes came in the order they were made.
    order = defaultdict(list)
    for _, _, payload in hook.accepted:
        order[payload["data"]["id"]].append(payload["id"])
    assert all(ids == sorted(ids) for ids in order.values())


def test_a_receiver_failing_the_first_three_attempts_still_gets_everything(
    transactional_db, receiver
):
    partner = Partner.objects.create(name="Flaky Wire")
    hook = receiver(fail_first=3)
    endpoint = WebhookEndpoint.objects.create(partner=partner, url=hook.url)
    hook.secret = endpoint.secret
    scripted_edits()

    # Each publishing commit queued the dispatcher (once while one is waiting).
    jobs = DBTaskResult.objects.filter(task_path="partners.tasks.dispatch_webhooks")
    assert jobs.count() == 1

    wait_for_the_log()
    clock = timezone.now()
    hook.clock = lambda: clock
    run_worker(clock)
    job = jobs.order_by("enqueued_at").first()
    assert job.status == "SUCCESSFUL", (job.exception_class_path, job.traceback)
    assert hook.requests >= 3
    assert WebhookDelivery.objects.filter(status="pending").exists()
    for _ in range(10):  # 30 s, 60 s, 120 s, ... after each failure
        if not WebhookDelivery.objects.filter(status="pending").exists():
            break
        clock += timedelta(minutes=5)
        run_worker(clock)

    changes = list(Change.objects.order_by("id"))
    got = hook.deduplicated()
    assert sorted(got) == sorted(f"chg_{c.pk}" for c in changes)
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    retried = WebhookDelivery.objects.filter(attempts__gt=1)
    assert retried.exists() and all(d.last_error == "" for d in retried)
    order = defaultdict(list)
    for _, _, payload in hook.accepted:
        order[payload["data"]["id"]].append(payload["id"])
    assert all(ids == sorted(ids) for ids in order.values())


def test_a_failing_receiver_is_given_up_after_a_day(db, partner, receiver):
    hook = receiver(fail_first=10**6)
    endpoint = WebhookEndpoint.objects.create(partner=partner, url=hook.url)
    hook.secret = endpoint.secret
    ArticleFactory(published=True)
    clock = timezone.now()
    for _ in range(40):
        with mock.patch("django.utils.timezone.now", return_value=clock):
            dispatch()
        clock += timedelta(hours=1)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_error == "HTTP 500: Internal Server Error"
    assert 20 < delivery.attempts < 40


def test_private_addresses_are_refused_in_production(
    db, partner, settings, django_app, admin_user, monkeypatch
):
    settings.PRODUCTION = True
    # In production a superuser gives a second factor first (tests/security/test_twofactor.py);
    # this test is about the webhook form.
    monkeypatch.setattr("core.twofactor.twofactor_required", lambda user: False)
    page = django_app.get(f"/admin/partners/partner/{partner.pk}/change/", user=admin_user)
    form = form_on(page)
    total = form["webhooks-TOTAL_FORMS"]
    assert total.value == "0"
    for url, reason in [
        ("https://127.0.0.1/hooks", "private or reserved"),
        ("https://localhost:8443/hooks", "private or reserved"),
        ("https://10.1.2.3/hooks", "private or reserved"),
        ("https://169.254.169.254/latest/", "private or reserved"),
        ("https://[::1]/hooks", "private or reserved"),
        ("http://example.org/hooks", "must use https"),
    ]:
        page = django_app.get(f"/admin/partners/partner/{partner.pk}/change/", user=admin_user)
        form = form_on(page)
        add_inline_rows(form, "webhooks", 1)
        form["webhooks-0-url"] = url
        response = form.submit("_continue")
        assert response.status_code == 200, url
        # The error stands at the url field of the endpoint row.
        text = " ".join(e.get_text() for e in response.html.select("td.field-url .errorlist"))
        assert reason in text, (url, text)
        assert not WebhookEndpoint.objects.exists()


def test_an_endpoint_is_checked_again_when_delivering(db, partner, settings, receiver):
    hook = receiver()
    endpoint = WebhookEndpoint.objects.create(partner=partner, url=hook.url)  # development
    hook.secret = endpoint.secret
    ArticleFactory(published=True)
    settings.PRODUCTION = True
    dispatch()
    assert hook.requests == 0
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.last_error.startswith("refused:")


def test_the_partner_page_shows_deliveries_and_resend_sends_again(
    db, partner, receiver, django_app, admin_user
):
    hook = receiver()
    endpoint = WebhookEndpoint.objects.create(partner=partner, url=hook.url)
    hook.secret = endpoint.secret
    article = ArticleFactory(published=True)
    dispatch()
    delivery = WebhookDelivery.objects.get()
    page = django_app.get(f"/admin/partners/partner/{partner.pk}/change/", user=admin_user)
    row = page.html.select_one("tr.delivery")
    assert delivery.webhook_id in row.get_text()
    assert row.select_one(".status").get_text() == "Delivered"
    assert row.select_one(".attempts").get_text() == "1"
    assert endpoint.secret in page.text  # the partner needs it to verify
    detail = django_app.get(row.select_one("a")["href"], user=admin_user)
    assert delivery.webhook_id in detail.text and "article.entered" in detail.text

    listing = page.click("All deliveries")
    form = listing.forms["changelist-form"]
    form["action"] = "resend_deliveries"
    form.get("_selected_action", index=0).checked = True
    done = form.submit().follow()
    assert "1 deliveries queued" in done.text
    dispatch()
    assert [a[0] for a in hook.accepted] == [delivery.webhook_id] * 2  # same id: dedup works
    assert article.pk == hook.accepted[1][2]["data"]["id"]


def test_create_partner_registers_a_webhook(db, receiver):
    hook = receiver()
    out = StringIO()
    call_command("create_partner", "Steppe Wire", "--webhook", hook.url, stdout=out)
    endpoint = WebhookEndpoint.objects.get(partner__name="Steppe Wire")
    assert endpoint.url == hook.url and endpoint.active
    assert endpoint.secret in out.getvalue()


def test_create_partner_refuses_a_private_webhook_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="--webhook: .*private or reserved"):
        call_command("create_partner", "Steppe Wire", "--webhook", "https://192.168.1.5/h")
    with pytest.raises(CommandError, match="--webhook: .*https"):
        call_command("create_partner", "Steppe Wire", "--webhook", "http://example.org/h")
    assert not Partner.objects.filter(name="Steppe Wire").exists()
