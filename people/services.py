"""Writes of officials, organisations and positions; each publishes what it changes."""

from collections.abc import Callable

from core.changes import delete_row, save_row
from people.models import Organisation, Person, Position


def person_save(*, person: Person, related: Callable[[], None] | None = None) -> Person:
    """Save an official (then `related`: aliases, links) and publish what it changes."""
    return save_row("official", person, related=related)


def person_delete(*, person: Person) -> None:
    delete_row("official", person)


def organisation_save(
    *, organisation: Organisation, related: Callable[[], None] | None = None
) -> Organisation:
    return save_row("organisation", organisation, related=related)


def organisation_delete(*, organisation: Organisation) -> None:
    delete_row("organisation", organisation)


def position_save(*, position: Position, related: Callable[[], None] | None = None) -> Position:
    return save_row("position", position, related=related)


def position_delete(*, position: Position) -> None:
    delete_row("position", position)
