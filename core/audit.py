"""The audit trail: publications, withdrawals, deletions, restorations, sign-ins and key changes.

`audit_record` is the one write. Editorial actions are picked up where every path that makes
them (admin, services, the worker's scheduled publication, restore) leaves its trace: the
history row simple_history writes, read as it is created, with the request's address when
there is a request. Sign-ins come from Django's own authentication signals; partner keys are
recorded explicitly by the admin that changes them.
"""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models
from django.http import HttpRequest
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from core.clientip import client_ip
from core.models import AuditAction, AuditEvent

RESTORE_REASON = "Restored from deletion"
# Status values (articles, meetings) whose arrival or departure is a publication or withdrawal.
PUBLISHED = "published"
WITHDRAWN = "withdrawn"


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    obj: models.Model | None = None,
    history_id: int | None = None,
) -> AuditEvent:
    """Add one row to the audit trail; user and address default to the request's."""
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        ip_address=client_ip(request) if request is not None else None,
        object_kind=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        history_id=history_id,
    )


def _editorial_action(history) -> str | None:
    if history.history_type == "-":
        return AuditAction.DELETED
    reason = history.history_change_reason or ""
    if history.history_type == "+" and reason.startswith(RESTORE_REASON):
        return AuditAction.RESTORED
    if not hasattr(history, "status"):
        return None
    previous = history.prev_record if history.history_type == "~" else None
    before = previous.status if previous is not None else None
    if history.status == before:
        return None
    if history.status == PUBLISHED:
        return AuditAction.PUBLISHED
    if before == PUBLISHED or history.status == WITHDRAWN:
        # Out of the public archive: withdrawn, or unpublished back to draft.
        return AuditAction.WITHDRAWN
    return None


def _on_history(sender, instance, history_instance, **kwargs):
    action = _editorial_action(history_instance)
    if action is None:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    audit_record(
        action=action,
        request=request,
        user=history_instance.history_user,
        obj=instance,
        history_id=history_instance.history_id,
    )


def _on_sign_in(sender, request, user, **kwargs):
    audit_record(action=AuditAction.SIGNED_IN, request=request, user=user)


def _on_sign_in_failed(sender, credentials, request=None, **kwargs):
    audit_record(
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        username=str(credentials.get("username", "")),
    )


def connect() -> None:
    post_create_historical_record.connect(_on_history, dispatch_uid="core.audit.history")
    user_logged_in.connect(_on_sign_in, dispatch_uid="core.audit.sign_in")
    user_login_failed.connect(_on_sign_in_failed, dispatch_uid="core.audit.sign_in_failed")
