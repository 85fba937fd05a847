"""Writes of meetings, topics, exhibitions, delegations and outcomes; each publishes what it
changes (core.changes), in one transaction."""

from collections.abc import Callable

from core.changes import delete_row, save_row
from events.models import Delegation, Exhibition, ExhibitionSeries, Meeting, Outcome, Topic

Related = Callable[[], None] | None


def meeting_save(*, meeting: Meeting, related: Related = None) -> Meeting:
    """Save a meeting (then `related`: participants, topics) and publish what it changes."""
    return save_row("meeting", meeting, related=related)


def meeting_delete(*, meeting: Meeting) -> None:
    delete_row("meeting", meeting)


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
