"""The base of every app's factories: rows are created through the services editors use.

A factory builds the instance, then hands it to the app's save service (`person_save`,
`meeting_save`...), so the change log and the stored partner documents (core.changes) follow,
as they do for the desk. Many-to-many links and child rows passed as keywords are written
inside that save (its `related`), and a publishable row reaches its status through the
publication services: `ArticleFactory(published=True)` is saved as a draft, then published.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from core.changes import publishing
from core.text import fold


def slug_of(text: str) -> str:
    return slugify(fold(text))


class ServiceFactory(factory.django.DjangoModelFactory):
    """Creates through `_save(obj, related)`; m2m fields and `_children` keywords go in related."""

    class Meta:
        abstract = True

    # Keywords that are not model fields: child rows written by `_add_children`.
    _children: tuple[str, ...] = ()

    @classmethod
    def _save(cls, obj, related: Callable[[], None]):
        raise NotImplementedError

    @classmethod
    def _add_children(cls, obj, **children) -> None:
        """Write the child rows named in `_children` (obj has its id here)."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        many = {field.name for field in model_class._meta.many_to_many}
        links = {name: kwargs.pop(name) for name in list(kwargs) if name in many}
        children = {name: kwargs.pop(name) for name in cls._children if name in kwargs}
        obj = model_class(*args, **kwargs)

        def related() -> None:
            for name, values in links.items():
                getattr(obj, name).set(values)
            cls._add_children(obj, **children)

        return cls._save(obj, related)


class PublishableFactory(ServiceFactory):
    """A row with `status` and `published_at`, saved as a draft, then brought to its status
    by the app's own publication services (`_publish`, `_schedule`, `_withdraw`)."""

    class Meta:
        abstract = True

    status = "draft"
    published_at = None

    @classmethod
    def _publish(cls, obj, at: datetime | None): ...

    @classmethod
    def _schedule(cls, obj, at: datetime): ...

    @classmethod
    def _withdraw(cls, obj): ...

    @classmethod
    def _to_status(cls, obj, status: str) -> None:
        raise ValueError(f"{cls.__name__} cannot create a row in status {status!r}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status")
        at = kwargs.pop("published_at")
        obj = super()._create(model_class, *args, **kwargs)
        if status == "published" and at is not None and at > timezone.now():
            status = "scheduled"  # a time still to come is a schedule, as on the admin's form
        if status in ("published", "withdrawn"):
            cls._publish(obj, at)
        if status == "withdrawn":
            cls._withdraw(obj)
        elif status == "scheduled":
            cls._schedule(obj, at)
        elif status not in ("draft", "published"):
            cls._to_status(obj, status)
        return obj


def children_of(kind: str, parent, rows: Iterable) -> list:
    """Save child rows (participants, aliases, countries) of an existing parent, publishing
    the parent's documents as its service would; the parent row itself is not saved again."""
    rows = list(rows)
    with publishing(kind, [parent.pk]):
        for row in rows:
            row.save()
    return rows
