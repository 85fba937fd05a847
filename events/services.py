"""Writes that change a meeting: its record and its editorial state.

A meeting is a draft, public nowhere, until published; every save the desk makes goes
through one of these, each in one transaction.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.admin import deleted_object_restore
from events.models import Meeting, MeetingStatus

RESTORED_WITH_MEETING = ("participations", "outcomes")


@transaction.atomic
def meeting_save(*, meeting: Meeting) -> Meeting:
    """Save the meeting's fields as they are; its publication state stays as it was."""
    meeting.save()
    return meeting


@transaction.atomic
def meeting_publish(*, meeting: Meeting, at: datetime | None = None) -> Meeting:
    """Publish now, or with the given (past) time; republishing keeps the first time."""
    if at is not None and at > timezone.now():
        raise ValidationError("A time still to come is a schedule, not a publication.")
    if at is not None:
        meeting.published_at = at
    elif meeting.published_at is None or meeting.status == MeetingStatus.SCHEDULED:
        meeting.published_at = timezone.now()
    meeting.status = MeetingStatus.PUBLISHED
    meeting.save()
    return meeting


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, at: datetime) -> Meeting:
    """Publish at a time to come: a job queued for that time publishes it."""
    if at <= timezone.now():
        raise ValidationError("Choose a time still to come, or publish now.")
    from events.tasks import meeting_publish_scheduled  # the job calls back into this module

    meeting.status = MeetingStatus.SCHEDULED
    meeting.published_at = at
    meeting.save()
    # Queued in this transaction (the job is a row in the same database).
    meeting_publish_scheduled.using(run_after=at).enqueue(meeting_id=meeting.pk, at=at.isoformat())
    return meeting


@transaction.atomic
def meeting_withdraw(*, meeting: Meeting) -> Meeting:
    """Take it away from readers and partners; its first publication time is kept."""
    meeting.status = MeetingStatus.WITHDRAWN
    if meeting.published_at is not None and meeting.published_at > timezone.now():
        meeting.published_at = None  # a schedule withdrawn was never published
    meeting.save()
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    meeting.delete()


def meeting_restore(*, record, user=None) -> dict:
    """Bring a deleted meeting back with its participants and outcomes, from its history."""
    return deleted_object_restore(record=record, user=user, children=RESTORED_WITH_MEETING)
