"""Writes of meetings, topics, exhibitions, delegations and outcomes; each publishes what it
changes (core.changes), in one transaction.

A meeting is a draft, public nowhere, until published (meeting_publish, or the job queued
by meeting_schedule).
"""

from collections.abc import Callable
from datetime import datetime

from django.db import transaction

from core.admin import deleted_object_restore
from core.changes import delete_row, publishing, save_row
from core.lifecycle import mark_published, mark_scheduled, mark_withdrawn
from events.models import (
    Delegation,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    Outcome,
    Topic,
)

Related = Callable[[], None] | None
RESTORED_WITH_MEETING = ("participations", "outcomes")


def meeting_save(*, meeting: Meeting, related: Related = None) -> Meeting:
    """Save a meeting (then `related`: participants, topics) and publish what it changes."""
    return save_row("meeting", meeting, related=related)


def meeting_delete(*, meeting: Meeting) -> None:
    delete_row("meeting", meeting)


@transaction.atomic
def meeting_publish(*, meeting: Meeting, at: datetime | None = None) -> Meeting:
    """Publish now, or with the given (past) time; republishing keeps the first time."""
    mark_published(meeting, at=at)
    return meeting_save(meeting=meeting)


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, at: datetime) -> Meeting:
    """Publish at a time to come: a job queued for that time publishes it (events.tasks)."""
    from events.tasks import meeting_publish_scheduled  # the job calls back into this module

    mark_scheduled(meeting, at=at)
    meeting_save(meeting=meeting)
    # Queued in this transaction (the job is a row in the same database).
    meeting_publish_scheduled.using(run_after=at).enqueue(meeting_id=meeting.pk, at=at.isoformat())
    return meeting


@transaction.atomic
def meeting_withdraw(*, meeting: Meeting) -> Meeting:
    """Take it away from readers and partners; its first publication time is kept."""
    mark_withdrawn(meeting)
    return meeting_save(meeting=meeting)


def meeting_restore(*, record, user=None) -> dict:
    """Bring a deleted meeting back with its participants and outcomes, from its history."""
    with publishing("meeting", [record.id]):
        return deleted_object_restore(record=record, user=user, children=RESTORED_WITH_MEETING)


def topic_save(*, topic: Topic, related: Related = None) -> Topic:
    return save_row("topic", topic, related=related)


def topic_delete(*, topic: Topic) -> None:
    delete_row("topic", topic)


def exhibition_save(*, exhibition: Exhibition, related: Related = None) -> Exhibition:
    return save_row("exhibition", exhibition, related=related)


def exhibition_delete(*, exhibition: Exhibition) -> None:
    delete_row("exhibition", exhibition)


def exhibition_series_save(*, series: ExhibitionSeries, related: Related = None):
    return save_row("exhibition_series", series, related=related)


def exhibition_series_delete(*, series: ExhibitionSeries) -> None:
    delete_row("exhibition_series", series)


def delegation_save(*, delegation: Delegation, related: Related = None) -> Delegation:
    return save_row("delegation", delegation, related=related)


def delegation_delete(*, delegation: Delegation) -> None:
    delete_row("delegation", delegation)


def outcome_save(*, outcome: Outcome, related: Related = None) -> Outcome:
    return save_row("outcome", outcome, related=related)


def outcome_delete(*, outcome: Outcome) -> None:
    delete_row("outcome", outcome)
