"""The publication rules every model with `status` and `published_at` follows (articles,
meetings): each app's services apply them and then save through core.changes.

The statuses' values are shared across models: "draft", "scheduled", "published", "withdrawn"
(and "review" where a model has a review step).
"""

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.audit import acting_as
from core.models import AuditAction, AuditOrigin

SCHEDULED, PUBLISHED, WITHDRAWN = "scheduled", "published", "withdrawn"


def mark_published(obj, *, at: datetime | None = None) -> None:
    """Published now, or at a given past time; republishing keeps the first time, and a
    scheduled item published early takes the present."""
    if at is not None and at > timezone.now():
        raise ValidationError("A time still to come is a schedule, not a publication.")
    if at is not None:
        obj.published_at = at
    elif obj.published_at is None or obj.status == SCHEDULED:
        obj.published_at = timezone.now()
    obj.status = PUBLISHED


def mark_scheduled(obj, *, at: datetime) -> None:
    if at <= timezone.now():
        raise ValidationError("Choose a time still to come, or publish now.")
    obj.status = SCHEDULED
    obj.published_at = at


def mark_withdrawn(obj) -> None:
    """Away from readers and partners; the first publication time is kept."""
    obj.status = WITHDRAWN
    if obj.published_at is not None and obj.published_at > timezone.now():
        obj.published_at = None  # a schedule withdrawn was never published


def audit_action(before: str | None, after: str) -> str | None:
    """The audit action of a status change: into the public archive, or out of it."""
    if after == before:
        return None
    if after == PUBLISHED:
        return AuditAction.PUBLISHED
    if before == PUBLISHED or after == WITHDRAWN:
        # Out of the public archive: withdrawn, or sent back to draft or review.
        return AuditAction.WITHDRAWN
    return None


def publish_if_still_scheduled(
    model: type[models.Model], pk: int, at: str, publish: Callable[..., object]
) -> str:
    """The scheduled-publication job's body: publish the row if it is still scheduled for
    that time. A job left behind by a reschedule, a withdrawal or an early publication does
    nothing."""
    scheduled_for = datetime.fromisoformat(at)
    with acting_as(AuditOrigin.JOB), transaction.atomic():
        obj = model.objects.select_for_update().filter(pk=pk).first()
        if obj is None:
            return "gone"
        if obj.status != SCHEDULED or obj.published_at != scheduled_for:
            return "stale"
        obj._change_reason = "Published at its scheduled time"
        publish(obj, scheduled_for)
    return "published"
