"""Signed webhooks: each change of the log POSTed to every active endpoint of a partner.

The dispatcher (`partners.tasks.dispatch_webhooks`, run by the job worker) does three things:
1. takes the log entries past each endpoint's cursor (through core.feed, so in commit order and
   without gaps) into `WebhookDelivery` rows, one per (endpoint, change), and moves the cursor;
2. sends every delivery that is due, oldest first, never one for an object while an older one
   for the same endpoint and object is still pending (in order per object);
3. queues itself again for the earliest retry still to come.

Deliveries are signed as Standard Webhooks (https://www.standardwebhooks.com/):
`webhook-signature: v1,<base64 HMAC-SHA256(secret, "{id}.{timestamp}.{body}")>`. Delivery is
at least once: a receiver deduplicates by `webhook-id`, stable per delivery. A failed attempt
is retried after 30 s × 2^n (capped at an hour) until a day has passed, then marked failed.
"""

import base64
import hashlib
import hmac
import urllib.error
import urllib.request
from datetime import timedelta

import orjson
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core import changes, feed
from partners.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from partners.webhook_urls import check_webhook_url

TIMEOUT = 5  # seconds, connect and read
RETRY_BASE = 30  # seconds
RETRY_CAP = 3600  # seconds
GIVE_UP_AFTER = timedelta(days=1)
READ_BATCH = 500
SEND_BATCH = 200


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next attempt after `attempts` failed ones: 30 s, 60 s, 120 s, … ≤ 1 h."""
    return timedelta(seconds=min(RETRY_BASE * 2 ** max(attempts - 1, 0), RETRY_CAP))


def _payload(
    *, kind: str, change_id: int, object_id: int, version: int, action: str, public: bool, body
) -> str:
    # The stored document as it is when the change is collected (moments after its commit,
    # when the worker keeps up): a partner applying deliveries in order ends with the
    # published state. A "left" change always carries the tombstone.
    spec = changes.document_kind(kind)
    if action == "left" or not public:
        document, public = spec.canceled(object_id), False
    else:
        document = orjson.loads(bytes(body))
    return orjson.dumps(
        {
            "type": f"{kind}.{action}",
            "id": change_id,
            "timestamp": changes.iso(timezone.now()),
            "data": {
                "kind": kind,
                "id": object_id,
                "uri": changes.api_uri(spec.endpoint, object_id),
                "version": version,
                "pubstatus": "usable" if public else "canceled",
                "document": document,
            },
        }
    ).decode()


def collect(endpoint: WebhookEndpoint) -> int:
    """Turn the log entries past the endpoint's cursor into deliveries; returns how many."""
    made = 0
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        cursor = dict(endpoint.cursor)
        for kind in sorted(changes.document_kinds()):
            position = cursor.get(kind)
            if position is None:
                # A new endpoint starts at the head of the log: it gets what changes from now.
                cursor[kind] = list(feed.log_head(kind))
                continue
            while True:
                rows = feed.read_log(kind, after=tuple(position), since=None, limit=READ_BATCH)
                if not rows:
                    break
                deliveries, now = [], timezone.now()
                for txid, change_id, object_id, version, _dv, public, body, action in rows:
                    deliveries.append(
                        WebhookDelivery(
                            endpoint=endpoint,
                            change_id=change_id,
                            kind=kind,
                            object_id=object_id,
                            event_type=f"{kind}.{action}",
                            created_at=now,
                            next_attempt_at=now,
                            body=_payload(
                                kind=kind,
                                change_id=change_id,
                                object_id=object_id,
                                version=version,
                                action=action,
                                public=public,
                                body=body,
                            ),
                        )
                    )
                    position = [txid, change_id]
                WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
                made += len(deliveries)
                cursor[kind] = position
                if len(rows) < READ_BATCH:
                    break
        endpoint.cursor = cursor
        endpoint.save(update_fields=["cursor"])
    return made


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(
            req.full_url, code, f"redirect to {newurl} not followed", headers, fp
        )


_opener = urllib.request.build_opener(_NoRedirects)


def send(delivery: WebhookDelivery) -> None:
    """One attempt at one delivery; records its outcome and when to try again."""
    now = timezone.now()
    endpoint = delivery.endpoint
    body = delivery.body.encode()
    timestamp = int(now.timestamp())
    error, code = "", None
    try:
        check_webhook_url(endpoint.url)  # again now: the name may resolve elsewhere today
        request = urllib.request.Request(
            endpoint.url,
            data=body,
            method="POST",
            headers={
                "content-type": "application/json",
                "user-agent": "bilateral-archive-webhooks/1",
                "webhook-id": delivery.webhook_id,
                "webhook-timestamp": str(timestamp),
                "webhook-signature": sign(
                    secret=endpoint.secret,
                    msg_id=delivery.webhook_id,
                    timestamp=timestamp,
                    body=body,
                ),
            },
        )
        with _opener.open(request, timeout=TIMEOUT) as response:
            code = response.status
            response.read(1024)
    except ValidationError as exc:
        error = "refused: " + " ".join(exc.messages)
    except urllib.error.HTTPError as exc:
        code, error = exc.code, f"HTTP {exc.code}: {exc.reason}"
    except (OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]

    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.first_attempt_at = delivery.first_attempt_at or now
    delivery.last_status_code = code
    if not error and code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.last_error = (
            DeliveryStatus.DELIVERED,
            now,
            "",
        )
    else:
        delivery.last_error = error or f"HTTP {code}"
        if now - delivery.first_attempt_at >= GIVE_UP_AFTER:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    delivery.save()


def _heads():
    """Pending deliveries that are the oldest pending one for their endpoint and object."""
    older_pending = WebhookDelivery.objects.filter(
        endpoint=OuterRef("endpoint"),
        kind=OuterRef("kind"),
        object_id=OuterRef("object_id"),
        status=DeliveryStatus.PENDING,
        change_id__lt=OuterRef("change_id"),
    )
    return WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, endpoint__active=True, endpoint__partner__is_active=True
    ).exclude(Exists(older_pending))


def due(now) -> list[WebhookDelivery]:
    """Pending deliveries that may go now: due, and the oldest pending one for their object."""
    return list(
        _heads()
        .filter(next_attempt_at__lte=now)
        .select_related("endpoint")
        .order_by("change_id")[:SEND_BATCH]
    )


def dispatch() -> dict:
    """Collect new log entries, send what is due; returns counts and the next retry time."""
    collected = sum(
        collect(endpoint)
        for endpoint in WebhookEndpoint.objects.filter(active=True, partner__is_active=True)
    )
    sent = failed = 0
    while batch := due(timezone.now()):
        for delivery in batch:
            send(delivery)
            if delivery.status == DeliveryStatus.DELIVERED:
                sent += 1
            else:
                failed += 1
    # The next run: the earliest retry of a delivery not waiting behind an older one.
    next_at = _heads().order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    return {"collected": collected, "sent": sent, "failed": failed, "next_at": next_at}


def resend(deliveries) -> int:
    """Send these deliveries again (admin "Resend"): pending now, with a fresh day of retries."""
    count = deliveries.update(
        status=DeliveryStatus.PENDING,
        next_attempt_at=timezone.now(),
        first_attempt_at=None,
    )
    transaction.on_commit(queue_dispatch)
    return count


def queue_dispatch(run_after=None) -> None:
    """Queue one dispatcher run (now, or at run_after), unless one is already waiting for then."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    from partners.tasks import dispatch_webhooks

    if not WebhookEndpoint.objects.filter(active=True).exists():
        return
    waiting = DBTaskResult.objects.filter(
        task_path="partners.tasks.dispatch_webhooks", status=TaskResultStatus.READY
    )
    # The database backend stores "no run_after" as the largest date: ready at once.
    if waiting.filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=run_after or timezone.now())
    ).exists():
        return
    if run_after is None:
        dispatch_webhooks.enqueue()
    else:
        dispatch_webhooks.using(run_after=run_after).enqueue()
