"""The audit trail: publications, withdrawals, deletions, restorations, sign-ins and key changes.

`audit_record` is the one write, and the functions that make a change call it themselves, in
their own transaction: `core.changes.save_row` (a status arriving at or leaving "published"),
`core.changes.delete_row`, `core.admin.deleted_object_restore`, and the partner key functions
(`partners/models.py`). Who and from where: the user the change is attributed to (the history's
`_history_user`), else the signed-in user of the request being served, with the request's
address (`core.clientip`); without a request the change came from a command on the server or
from the job worker (`origin`), as `acting_as` says.

Sign-ins and failed sign-ins are the exception: they are recorded from Django's
`user_logged_in` / `user_login_failed` signals, Django's documented hook for authentication
events. They fire for every backend and every login view (the admin's, the second-factor step),
which is where django-axes listens too; no content changes there.
"""

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from core.clientip import client_ip
from core.models import AuditAction, AuditEvent, AuditOrigin

_origin: ContextVar[str] = ContextVar("audit_origin", default=AuditOrigin.COMMAND)


@contextmanager
def acting_as(origin: str) -> Iterator[None]:
    """Attribute the changes made inside to `origin` when no request is being served."""
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


def current_request() -> HttpRequest | None:
    """The request being served in this thread, if any.

    simple_history's HistoryRequestMiddleware keeps it for the history's user; the audit
    trail reads the same one, so a history row and its audit row name the same person.
    """
    return getattr(HistoricalRecords.context, "request", None)


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    obj: models.Model | None = None,
    history_id: int | None = None,
    object_id: object = None,
) -> AuditEvent:
    """Add one row to the audit trail; user and address default to the request's."""
    if object_id is None and obj is not None:
        object_id = obj.pk
    if request is None:
        request = current_request()
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    origin = AuditOrigin.REQUEST if request is not None else _origin.get()
    if user is None and not username and origin == AuditOrigin.COMMAND:
        username = getpass.getuser()  # the server account that ran the command
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        ip_address=client_ip(request) if request is not None else None,
        origin=origin,
        object_kind=obj._meta.label_lower if obj is not None else "",
        object_id=str(object_id) if object_id is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        history_id=history_id,
    )


def _latest_history_id(obj: models.Model, pk) -> int | None:
    history = getattr(type(obj), "history", None)
    if history is None:
        return None
    return (
        history.filter(**{obj._meta.pk.attname: pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def audit_editorial(*, action: str, obj: models.Model, pk=None) -> AuditEvent:
    """An editorial action on obj (pk: its id, if a deletion cleared it), linked to the
    history row the write just made."""
    pk = obj.pk if pk is None else pk
    return audit_record(
        action=action,
        user=getattr(obj, "_history_user", None),
        obj=obj,
        object_id=pk,
        history_id=_latest_history_id(obj, pk),
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
    # Authentication events only (see the module's docstring); editorial and key changes are
    # written by the functions that make them.
    user_logged_in.connect(_on_sign_in, dispatch_uid="core.audit.sign_in")
    user_login_failed.connect(_on_sign_in_failed, dispatch_uid="core.audit.sign_in_failed")
