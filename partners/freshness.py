"""Keep a parent's updated_at moving when something shown inside its API representation changes.

Incremental sync finds changed items by updated_at. An article's ninjs document lists its
people, topics and countries; a meeting lists its participants; a person lists aliases. Those
rows live in other tables (children or many-to-many links), so saving them would not touch
the parent, and a partner syncing by updated_since would keep a stale copy. These receivers
bump the parent with a plain UPDATE (no history row, no save() side effects).

Renames of a linked object (a person's name shown inside an article) bump the articles that
show it, for the same reason.
"""

import contextvars
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

_suspended = contextvars.ContextVar("freshness_suspended", default=False)


@contextmanager
def suspended():
    """Bulk restores set updated_at themselves; bumping would break a byte-identical round trip."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def bump(queryset) -> None:
    if not _suspended.get():
        queryset.update(updated_at=timezone.now())


def _child_receiver(parent_model, fk_attname):
    def receiver(sender, instance, raw=False, **kwargs):
        if raw:
            return
        parent_id = getattr(instance, fk_attname)
        if parent_id is not None:
            bump(parent_model.objects.filter(pk=parent_id))

    return receiver


def _m2m_receiver(model):
    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
            return
        if not reverse:
            bump(model.objects.filter(pk=instance.pk))
        elif action == "pre_clear":
            # A reverse clear only names the other side; find the parents before the links go.
            field = _m2m_field(model, sender)
            bump(model.objects.filter(**{field: instance}))
        elif pk_set:
            bump(model.objects.filter(pk__in=pk_set))

    return receiver


def _m2m_field(model, through):
    for field in model._meta.many_to_many:
        if field.remote_field.through is through:
            return field.name
    raise LookupError(through)


def _rename_receiver(lookups):
    """Bump (model, lookup) pairs that embed the sender's name, e.g. Article people=person."""

    def receiver(sender, instance, created=False, raw=False, **kwargs):
        if created or raw:
            return
        for model, lookup in lookups:
            bump(model.objects.filter(**{lookup: instance}))

    return receiver


_receivers = []  # Signals hold weak references; keep ours alive.


def _connect(signal, receiver, sender):
    _receivers.append(receiver)
    signal.connect(receiver, sender=sender, weak=False, dispatch_uid=f"freshness-{id(receiver)}")


def connect() -> None:
    from articles.models import Article, ArticleCountry, Source
    from events.models import (
        Delegation,
        DelegationMember,
        Exhibition,
        ExhibitionSeries,
        Meeting,
        Outcome,
        Participation,
        Topic,
    )
    from people.models import Organisation, OrganisationAlias, Person, PersonAlias

    children = [
        (ArticleCountry, Article, "article_id"),
        (PersonAlias, Person, "person_id"),
        (OrganisationAlias, Organisation, "organisation_id"),
        (Participation, Meeting, "meeting_id"),
        (DelegationMember, Delegation, "delegation_id"),
    ]
    for child, parent, fk in children:
        receiver = _child_receiver(parent, fk)
        _connect(post_save, receiver, child)
        _connect(post_delete, receiver, child)

    for model in (Article, Meeting, Delegation, Outcome):
        receiver = _m2m_receiver(model)
        for field in model._meta.many_to_many:
            _connect(m2m_changed, receiver, field.remote_field.through)

    renames = {
        Person: [(Article, "people"), (Meeting, "participations__person")],
        Organisation: [(Article, "organisations")],
        Meeting: [(Article, "meetings")],
        Exhibition: [(Article, "exhibitions")],
        Topic: [(Article, "topics")],
        Source: [(Article, "source")],
        ExhibitionSeries: [(Exhibition, "series")],
    }
    for model, lookups in renames.items():
        _connect(post_save, _rename_receiver(lookups), model)
